"""Display power: switching the gallery's screen off after closing and on before opening,
through whichever command-line tool works on the machine. Free of Qt."""
