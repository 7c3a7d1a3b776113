"""Send-side bandwidth estimation toward subscribers (issue 12; docs/architecture.md)."""
