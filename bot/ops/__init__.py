"""Running showbot as several processes: each process's identity, the leases that make work
happen once across them, and the health and metrics endpoint an operator watches."""
