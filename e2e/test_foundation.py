"""What a person does on the foundation: log in on a phone, create a login, get locked out."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD


def test_a_village_secretary_on_a_phone_logs_in_and_sees_only_their_village(browser, site):
    page = new_page(browser, PHONE)
    login(page, site, "village", PASSWORD)
    assert page.locator("h1").first.inner_text().startswith("您好")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.click(".navbar-toggler")
    page.locator("#ls-menu").get_by_role("link", name="单位").click()
    page.wait_for_load_state()
    names = page.locator("#results tbody td:first-child a").all_inner_texts()
    assert sorted(n.strip() for n in names) == ["第一村民小组", "路村"]
    assert "庙口村" not in page.content() and "柳林" not in page.content()


def test_an_office_user_creates_a_login_that_must_change_its_initial_password(browser, site, world):
    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/org/people/new/?unit={world.unit('village').pk}")
    office.fill("#id_name", "赵新")
    office.fill("#id_title", "村委会委员")
    office.click("main button[type=submit]")
    office.get_by_role("link", name="开通账号").click()
    office.fill("#id_username", "zhaoxin")
    office.click("main button[type=submit]")
    password = office.locator(".ls-secret").inner_text().strip()
    assert len(password) >= 12

    newcomer = new_page(browser, PHONE)
    login(newcomer, site, "zhaoxin", password)
    assert newcomer.url.endswith("/accounts/password/")
    assert "须先修改初始密码" in newcomer.content()
    newcomer.fill("#id_old_password", password)
    newcomer.fill("#id_new_password1", "abc")
    newcomer.fill("#id_new_password2", "abc")
    newcomer.click("main button[type=submit]")
    assert "密码太短" in newcomer.content()
    newcomer.fill("#id_old_password", password)
    newcomer.fill("#id_new_password1", "Yun-7731-shang")
    newcomer.fill("#id_new_password2", "Yun-7731-shang")
    newcomer.click("main button[type=submit]")
    newcomer.wait_for_load_state()
    assert re.search(r"/$", newcomer.url) and "密码已修改" in newcomer.content()


def test_five_wrong_passwords_lock_the_account_and_the_office_sees_it_in_the_log(browser, site):
    page = new_page(browser, PHONE)
    for _ in range(5):
        login(page, site, "village", "wrong-password-1")
    assert "锁定" in page.content()
    login(page, site, "village", PASSWORD)
    assert "锁定" in page.content()

    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/audit/?action=lockout")
    rows = office.locator("#results tbody tr").all_inner_texts()
    assert len(rows) == 1 and "village" in rows[0] and "账户锁定" in rows[0]
    office.goto(f"{site}/audit/?action=login_failed")
    assert office.locator("#results tbody tr").count() == 6  # five failures and one try while locked
