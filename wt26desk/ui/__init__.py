"""The Qt Widgets front end. Depends on the core packages; they never import it."""
