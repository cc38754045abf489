"""mt-cleanup: finds and fixes machine-translation artifacts in German text."""

from cleanup.cleaner import Cleaner
from cleanup.config import Config
from cleanup.engine import CleanResult
from cleanup.findings import Finding
from cleanup.loader import RuleFileError

__version__ = "0.1.0"
__all__ = ["Cleaner", "CleanResult", "Config", "Finding", "RuleFileError", "__version__"]
