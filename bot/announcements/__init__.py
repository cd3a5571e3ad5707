"""Announcements: who wants news (channel subscriptions, people's follows, each guild's time
zone and digest), the one service through which a status change is recorded with the
deliveries it causes (the outbox), and the relay and scheduler that post them: once each, on
time, after restarts, within Discord's rate limits. Free of discord.py: the Discord adapter
hands the relay a courier that does the posting."""
