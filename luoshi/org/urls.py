from django.contrib.auth import views as auth_views
from django.urls import path

from luoshi.org.views import auth, people, tokens, units, users

app_name = "org"
urlpatterns = [
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth.password_change, name="password_change"),
    path("accounts/tokens/", tokens.token_list, name="token_list"),
    path("accounts/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("org/units/", units.unit_list, name="unit_list"),
    path("org/units/new/", units.unit_create, name="unit_create"),
    path("org/units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("org/units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("org/people/", people.person_list, name="person_list"),
    path("org/people/new/", people.person_create, name="person_create"),
    path("org/people/<int:pk>/", people.person_detail, name="person_detail"),
    path("org/people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("org/people/<int:pk>/reveal/<str:field>/", people.person_reveal, name="person_reveal"),
    path("org/users/", users.user_list, name="user_list"),
    path("org/users/new/", users.user_create, name="user_create"),
    path("org/users/<int:pk>/", users.user_detail, name="user_detail"),
    path("org/users/<int:pk>/reset-password/", users.user_reset_password, name="user_reset_password"),
    path("org/users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path("org/users/<int:pk>/roles/", users.role_assign, name="role_assign"),
    path("org/roles/<int:pk>/revoke/", users.role_revoke, name="role_revoke"),
    path("org/tokens/", tokens.token_admin, name="token_admin"),
    path("org/tokens/<int:pk>/revoke/", tokens.token_admin_revoke, name="token_admin_revoke"),
    path("org/sessions/", users.session_list, name="session_list"),
    path("org/sessions/<int:pk>/end/", users.session_end, name="session_end"),
]
