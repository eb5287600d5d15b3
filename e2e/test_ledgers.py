"""What a person does with ledgers: a village secretary imports the village's problem ledger
on a phone, sees it listed, and an office user downloads the marked workbook of a bad file."""

from e2e.conftest import PHONE, login, new_page
from luoshi.ledgers.testing import PROBLEM_HEADER, problem_row, workbook
from luoshi.org.testing import PASSWORD


def test_a_village_secretary_imports_the_problem_ledger_on_a_phone(browser, site, tmp_path):
    path = workbook(tmp_path / "问题台账.xlsx", PROBLEM_HEADER, [problem_row(1), problem_row(2)])
    page = new_page(browser, PHONE)
    login(page, site, "village", PASSWORD)
    page.goto(f"{site}/ledgers/problems/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="导入").click()
    page.set_input_files("#id_file", str(path))
    page.click("main button[type=submit]")
    page.wait_for_selector("#import-ready")
    assert "检查通过：共 2 条数据" in page.content()
    page.click("#commit")
    page.wait_for_load_state()
    assert "导入成功：共导入 2 条数据" in page.content()
    assert "共 2 条" in page.locator("#results").inner_text()


def test_an_office_user_sees_every_bad_row_and_downloads_the_marked_workbook(browser, site, tmp_path):
    rows = [problem_row(1), problem_row(2, "柳林村"), problem_row(3, status="差不多了")]
    path = workbook(tmp_path / "问题台账.xlsx", PROBLEM_HEADER, rows)
    page = new_page(browser)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/ledgers/problems/import/")
    page.set_input_files("#id_file", str(path))
    page.click("main button[type=submit]")
    failed = page.wait_for_selector("#import-failed")
    assert "很抱歉，导入失败！共 2 条数据格式不正确" in failed.inner_text()
    assert page.locator("#commit").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="下载错误标注工作簿").click()
    assert download.value.suggested_filename.endswith(".xlsx")
