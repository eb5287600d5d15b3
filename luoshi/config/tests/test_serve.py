"""`luoshi serve`: each gunicorn instance its own control socket (issue 19, finding 5).

Two instances on one machine used gunicorn's default control socket ($XDG_RUNTIME_DIR/gunicorn.ctl, or
~/.gunicorn/gunicorn.ctl) and stopping one removed the other's."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from luoshi.cli import control_socket, gunicorn_argv

APP = "def application(environ, start_response):\n" \
      "    start_response('200 OK', [('Content-Type', 'text/plain')])\n" \
      "    return [b'ok']\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_each_address_gets_its_own_control_socket(monkeypatch, tmp_path):
    monkeypatch.delenv("LUOSHI_CONTROL_SOCKET", raising=False)
    monkeypatch.setenv("RUNTIME_DIRECTORY", str(tmp_path))
    first, second = control_socket("127.0.0.1:8001"), control_socket("127.0.0.1:8002")
    assert first != second and Path(first).parent == tmp_path == Path(second).parent
    assert control_socket("unix:/run/luoshi/app.sock") != first
    monkeypatch.setenv("RUNTIME_DIRECTORY", str(tmp_path / ("x" * 120)))  # too long for a Unix socket
    assert len(control_socket("127.0.0.1:8001").encode()) <= 100
    monkeypatch.setenv("LUOSHI_CONTROL_SOCKET", str(tmp_path / "mine.ctl"))
    assert control_socket("127.0.0.1:8001") == str(tmp_path / "mine.ctl")
    argv = gunicorn_argv("127.0.0.1:8001", workers=1, threads=1)
    assert argv[argv.index("--control-socket") + 1] == str(tmp_path / "mine.ctl")


def test_stopping_one_instance_leaves_the_others_control_socket(monkeypatch, tmp_path):
    """Two real gunicorn masters started with `luoshi serve`'s arguments, HOME and XDG_RUNTIME_DIR shared
    as on one machine under one account: stopping the first leaves the second's socket and service."""
    (tmp_path / "tinyapp.py").write_text(APP)
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(home), LUOSHI_VAR_DIR=str(tmp_path / "var"))
    env.pop("LUOSHI_CONTROL_SOCKET", None)
    env.pop("RUNTIME_DIRECTORY", None)
    monkeypatch.setenv("LUOSHI_VAR_DIR", env["LUOSHI_VAR_DIR"])
    processes, sockets, binds = [], [], []
    try:
        for _ in range(2):
            bind = f"127.0.0.1:{_free_port()}"
            argv = gunicorn_argv(bind, workers=1, threads=1)
            argv[1] = "tinyapp:application"
            sockets.append(Path(argv[argv.index("--control-socket") + 1]))
            binds.append(bind)
            processes.append(subprocess.Popen([sys.executable, "-m", "gunicorn", *argv[1:], "--chdir", str(tmp_path)],
                                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
        assert sockets[0] != sockets[1]
        assert _wait(lambda: all(s.exists() for s in sockets)), "both control sockets are made"
        processes[0].send_signal(signal.SIGTERM)
        processes[0].wait(timeout=30)
        assert not sockets[0].exists()
        assert sockets[1].exists(), "the other instance's control socket survives"
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(str(sockets[1]))  # and still answers
        with urllib.request.urlopen(f"http://{binds[1]}/", timeout=10) as answer:
            assert answer.read() == b"ok"
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)


def test_the_systemd_template_gives_each_instance_its_own_runtime_directory():
    """deploy/systemd/luoshi@.service: the control socket goes in /run/luoshi/<port> (RUNTIME_DIRECTORY), which
    systemd removes when that instance stops; a shared /run/luoshi would be removed under the others."""
    unit = (Path(__file__).resolve().parents[3] / "deploy" / "systemd" / "luoshi@.service").read_text()
    assert "RuntimeDirectory=luoshi/%i\n" in unit
    assert "serve --no-prepare --no-worker --bind 127.0.0.1:%i" in unit
    assert "Requires=luoshi-prepare" not in unit  # restarting the preparation must not restart every instance
