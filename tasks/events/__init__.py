"""Events: articles and their entity rows -> typed `events` rows with dates, places, actors and quantities."""
