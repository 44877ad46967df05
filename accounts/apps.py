from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in and out, the lockout after failed logins, password reset and change,
    the account page, and how long a session lasts. No models: users are Django's."""

    name = "accounts"
    verbose_name = "Accounts"
