"""Performance benchmark (bench/benchmark.py) and load test (bench/load_test.py)."""
