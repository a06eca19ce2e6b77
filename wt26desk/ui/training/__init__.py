"""Training: the session builder, presentation and presenter view, scenario and quiz
pages."""
