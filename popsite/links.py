"""Links for long lists and for every page's menu: one reverse() per process and URL
pattern instead of one per row or page."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# A primary key no row has yet: the largest a Django AutoField holds.
_STAND_IN_PK = 2_147_483_647


def url_for_each(name: str, *args: object) -> Callable[[int], str]:
    """The URL ``name`` with ``args`` and then a row's primary key, for many rows: each
    key (a whole number in ``args``, and the row's) takes the place of a stand-in in a
    path reversed once per process (reverse() costs about as much as the rest of a table
    row, and a page's rows are one page's of many)."""
    keys = [str(int(arg)) for arg in args if _is_key(arg)]
    shape = tuple(_STAND_IN_PK if _is_key(arg) else arg for arg in args)
    parts = _parts(name, shape, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if len(parts) != len(keys) + 2:
        # A key the pattern does not print as given (a converter of its own): reverse it.
        before, after = reverse(name, args=[*args, _STAND_IN_PK]).rsplit(str(_STAND_IN_PK), 1)
        return lambda pk: f"{before}{int(pk)}{after}"
    before = "".join(part + key for part, key in zip(parts[:-2], keys, strict=True)) + parts[-2]
    after = parts[-1]
    return lambda pk: f"{before}{int(pk)}{after}"


def _is_key(arg: object) -> bool:
    return isinstance(arg, int) and not isinstance(arg, bool)


@lru_cache(maxsize=256)
def _parts(name: str, shape: tuple[object, ...], prefix: str, urlconf: str) -> tuple[str, ...]:
    """The path of ``name`` cut at its stand-ins; the script prefix and URL configuration
    are part of the key because reverse() reads them."""
    return tuple(
        reverse(name, args=[*shape, _STAND_IN_PK], urlconf=urlconf).split(str(_STAND_IN_PK))
    )


def path_of(name: str) -> str:
    """``reverse(name)`` of a URL without arguments, reversed once per process."""
    return _path(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _path(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)
