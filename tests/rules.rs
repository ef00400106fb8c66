//! Rule linting (feature `rules`).
