"""``N_`` marks an English string for translation where it is defined; faces translate it later."""


def N_(text: str) -> str:
    return text
