"""The browser suite's fixtures, defined in :mod:`tests.browser_support`."""

from tests.browser_support import archive_site, archive_url, browser_context, tab  # noqa: F401
