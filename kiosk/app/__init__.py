"""Qt adapters and services between the exhibit model and the QML screens."""
