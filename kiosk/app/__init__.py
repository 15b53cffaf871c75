"""Qt adapters and services between the exhibit model and the QML screens."""

# First, before any module of the kiosk's Qt side: PySide checks each module imported
# after it, and this makes that check cheap (see the module).
from kiosk.app import pysideimports  # noqa: F401
