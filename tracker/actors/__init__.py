"""Actors: who a sentence names, and who its pronouns and descriptions point to.

    mention.py   Actor and Mention
    lexicon.py   the canonical actors and their aliases (rules/actors/)
    memory.py    what the document introduced so far
    finders.py   one finder per kind of mention
    mentions.py  where mentions can start, and which reading wins
"""
from tracker.actors.lexicon import Lexicon
from tracker.actors.mention import Actor, Mention
from tracker.actors.mentions import MentionFinder

__all__ = ["Actor", "Lexicon", "Mention", "MentionFinder"]
