/* test-http-guard.c — the endpoint guard's request-head scanner.  The guard
 * itself (deadlines, handing over to libsoup) is driven end to end by
 * tests/abuse.sh. */
#include "config.h"
#include <string.h>
#include "http-guard.h"

#define LINE 64
#define HEAD 256

static NgHttpHeadStatus
scan (const char *text, gsize *head_len)
{
  return ng_http_head_scan ((const guint8 *) text, strlen (text), LINE, HEAD,
                            head_len);
}

static void
test_complete (void)
{
  gsize n = 0;
  const char *req = "GET /sparql?query=x HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n";
  g_assert_cmpint (scan (req, &n), ==, NG_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (n, ==, strlen (req));

  /* a body (or the next pipelined request) behind the head */
  g_autofree char *more = g_strconcat (req, "ASK {}", NULL);
  g_assert_cmpint (scan (more, &n), ==, NG_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (n, ==, strlen (req));

  /* bare LF line ends; blank lines before the request line */
  g_assert_cmpint (scan ("GET / HTTP/1.1\nHost: x\n\n", &n), ==, NG_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (n, ==, 24);
  g_assert_cmpint (scan ("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", NULL), ==,
                   NG_HTTP_HEAD_COMPLETE);
  /* no header at all: libsoup answers that (400 without Host) */
  g_assert_cmpint (scan ("GET / HTTP/1.0\r\n\r\n", NULL), ==, NG_HTTP_HEAD_COMPLETE);
  /* a continuation line after a header is libsoup's to unfold */
  g_assert_cmpint (scan ("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", NULL), ==,
                   NG_HTTP_HEAD_COMPLETE);
  /* values may hold anything but line ends; names are tokens */
  g_assert_cmpint (scan ("GET / HTTP/1.1\r\nX-Odd_#1!: a:b \"c\"\r\n\r\n", NULL), ==,
                   NG_HTTP_HEAD_COMPLETE);
}

static void
test_incomplete (void)
{
  const char *parts[] = { "", "\r\n", "G", "GET / HTTP/1.1", "GET / HTTP/1.1\r\n",
                          "GET / HTTP/1.1\r\nHost: x", "GET / HTTP/1.1\r\nHost: x\r\n",
                          "GET / HTTP/1.1\r\nHost: x\r\n\r", "GET / HTTP/1.1\r\nNo colon yet" };
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++) {
    gsize n = 12345;
    g_assert_cmpint (scan (parts[i], &n), ==, NG_HTTP_HEAD_INCOMPLETE);
    g_assert_cmpuint (n, ==, 12345);
  }
}

static void
test_malformed (void)
{
  const char *bad[] = {
    "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
    "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
    "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
    "GET / HTTP/1.1\r\nHost\t: x\r\n\r\n",
    "GET / HTTP/1.1\r\nX(y): z\r\n\r\n",
    "GET / HTTP/1.1\r\nX\001: z\r\n\r\n",
    "GET / HTTP/1.1\r\n folded: x\r\nHost: x\r\n\r\n",
    "\026\003\001\000\245\001",          /* a TLS ClientHello: at once */
    " GET / HTTP/1.1\r\n\r\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (scan (bad[i], NULL), ==, NG_HTTP_HEAD_BAD);

  /* a NUL in a header name, which strlen() cannot carry */
  const guint8 nul[] = "GET / HTTP/1.1\r\nX\0Y: z\r\n\r\n";
  g_assert_cmpint (ng_http_head_scan (nul, sizeof nul - 1, LINE, HEAD, NULL), ==,
                   NG_HTTP_HEAD_BAD);
}

static void
test_limits (void)
{
  /* the request line: refused as soon as it is too long, ended or not */
  g_autofree char *pad_ok = g_strnfill (LINE - 16, 'x');
  g_autofree char *pad_long = g_strnfill (LINE, 'x');
  g_autofree char *at_limit = g_strdup_printf ("GET /%s HTTP/1.1\r\n\r\n", pad_ok);
  g_assert_cmpuint (strlen ("GET / HTTP/1.1\r") + LINE - 16, ==, LINE - 1);
  g_assert_cmpint (scan (at_limit, NULL), ==, NG_HTTP_HEAD_COMPLETE);
  g_autofree char *too_long = g_strdup_printf ("GET /%s HTTP/1.1\r\n\r\n", pad_long);
  g_assert_cmpint (scan (too_long, NULL), ==, NG_HTTP_HEAD_URI_TOO_LONG);
  g_autofree char *unended = g_strdup_printf ("GET /%s", pad_long);
  g_assert_cmpint (scan (unended, NULL), ==, NG_HTTP_HEAD_URI_TOO_LONG);

  /* the whole head */
  GString *head = g_string_new ("GET / HTTP/1.1\r\n");
  while (head->len < HEAD - 20)
    g_string_append (head, "X-A: b\r\n");
  g_assert_cmpint (scan (head->str, NULL), ==, NG_HTTP_HEAD_INCOMPLETE);
  g_string_append (head, "X-Long: 0123456789abcdef\r\n");
  g_assert_cmpint (scan (head->str, NULL), ==, NG_HTTP_HEAD_TOO_LARGE);
  g_string_append (head, "\r\n");
  g_assert_cmpint (scan (head->str, NULL), ==, NG_HTTP_HEAD_TOO_LARGE);
  g_string_free (head, TRUE);

  /* an unended header line past the limit */
  g_autofree char *big_value = g_strnfill (HEAD, 'v');
  g_autofree char *big = g_strdup_printf ("GET / HTTP/1.1\r\nX: %s", big_value);
  g_assert_cmpint (scan (big, NULL), ==, NG_HTTP_HEAD_TOO_LARGE);
  /* blank lines alone count too */
  g_autofree char *blanks = g_strnfill (HEAD + 1, '\n');
  g_assert_cmpint (scan (blanks, NULL), ==, NG_HTTP_HEAD_TOO_LARGE);
}

static void
test_free_null (void)
{
  ng_http_guard_free (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/http-guard/complete", test_complete);
  g_test_add_func ("/http-guard/incomplete", test_incomplete);
  g_test_add_func ("/http-guard/malformed", test_malformed);
  g_test_add_func ("/http-guard/limits", test_limits);
  g_test_add_func ("/http-guard/free-null", test_free_null);
  return g_test_run ();
}
