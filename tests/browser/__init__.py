"""The end-to-end browser harness (harness.py) and its fixture notebooks (fixtures/); see tests/test_browser.py."""
