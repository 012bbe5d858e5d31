"""Sources: news feeds and sitemaps that the watch worker polls for new articles."""
