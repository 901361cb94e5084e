pytest_plugins = ["tests.discourse_double.fixtures"]
