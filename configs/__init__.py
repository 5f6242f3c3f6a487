"""The YAML the pipeline ships: the event categories, weapon lexicon and name tables it reads at run time, and the documented defaults.

Read with `importlib.resources.files("newslake.configs")`, so an installed wheel finds them as well as a checkout.
"""
