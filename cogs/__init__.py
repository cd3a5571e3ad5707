"""The Discord surface: one cog per area. Thin: parse, call a service, render, respond."""
