"""The project's own errors; web code turns them into 4xx answers."""


class CounterclaimError(Exception):
    """Base of every error a person can act on."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(CounterclaimError):
    """A record that does not exist."""

    status_code = 404


class Invalid(CounterclaimError):
    """Input that cannot be accepted, with the reason."""

    status_code = 422


class Unauthorized(CounterclaimError):
    """No signed-in user and no valid API token, where one is needed."""

    status_code = 401


class Forbidden(CounterclaimError):
    """A signed-in user without the role for this action."""

    status_code = 403


class TooManyAttempts(CounterclaimError):
    """Too many attempts in a short time (sign-in)."""

    status_code = 429
