"""One module per page of the report; each `build(scope, top)` returns the pages it makes.

`top` is the frame of top stories (`queries.top_stories`), shared by the pages that list them.
"""

from newslake.report.pages import articles, entities, events, overview, speakers, stories, story

# In the order the report writes them; the progress bar names each step.
STEPS = [
    ("overview", overview.build),
    ("stories", stories.build),
    ("story pages", story.build),
    ("who said what", speakers.build),
    ("events", events.build),
    ("entity timelines", entities.build),
    ("article texts", articles.build),
]
