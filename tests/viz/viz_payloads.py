"""Script-injection payloads the viz tests put into labels and quotes."""

PAYLOAD_SCRIPT = "</script><script>alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"
PAYLOAD_HREF = '<a href="javascript:window.__pwned=1">click me</a> & title'
PAYLOAD_QUOTES = "O'Neil said \"hi\" \\ back\\\\slash \u2028 line"
PAYLOAD_FLAG = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=1</script>'
PAYLOADS = (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_HREF, PAYLOAD_QUOTES, PAYLOAD_FLAG)
