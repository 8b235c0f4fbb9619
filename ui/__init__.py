"""Qt user interface: renders engine events and sends commands; no domain logic lives here."""
