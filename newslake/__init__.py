"""newslake: article dumps in, trustworthy claim and event tables out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslake")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
