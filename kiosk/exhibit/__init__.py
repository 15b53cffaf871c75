"""The exhibit model: loading, validating and describing an exhibit, with no Qt."""
