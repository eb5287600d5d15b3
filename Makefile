# Two commands for a fresh clone: `make demo` and `make test` (README, Quick start).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test serve lint install clean messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本 (Python 3.11+ is required)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/luoshi demo

serve: $(STAMP)
	$(BIN)/luoshi serve

# On every core, each worker with its own test database. `--dist load` hands out tests one by one: the scoped
# modes key their work by node id, which the API fuzz's generated cases share, and would drop all but one of them.
# `make test JOBS=0` runs in one process.
JOBS ?= auto
test: $(STAMP)
	$(BIN)/pytest -n $(JOBS) --dist load

lint: $(STAMP)
	$(BIN)/ruff check .

# The translation catalogue (luoshi/locale/zh_Hans/LC_MESSAGES/django.po) from the code; needs GNU gettext.
messages: $(STAMP)
	$(BIN)/luoshi messages

clean:
	rm -rf $(VENV) var
