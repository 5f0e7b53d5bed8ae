"""People and organisations who write, report and photograph for the newsroom."""
