"""Claims: attributions -> `claims` rows with speakers, stances and the event each claim is about."""
