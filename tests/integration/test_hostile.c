/* The hostile-client suite: bad requests sent as raw bytes over real sockets. For each, the exact
 * refusal (and a problem+json body where the application, not libmicrohttpd's parser, answers);
 * after each, the server still answers; after all, the data is unchanged. Then slow clients: 64
 * connections trickling headers do not starve a normal request. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "jvdr/service/routes.h"
#include "test_http.h"
#include "test_server.h"

#define AUTH "Authorization: Bearer hostile-test-token-0123456789\r\n"
#define JSON "Content-Type: application/json\r\n"

static struct test_server server;
static void configure(struct config *cfg)
{
    cfg->api_token = "hostile-test-token-0123456789";
    cfg->max_body = 4096;
}
static void start(void)
{
    test_server_start(&server, configure);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(hostile, .init = start, .fini = stop, .timeout = 120);

enum answered_by { PARSER, APP };

struct hostile_case {
    const char *what;
    const char *request; /* sent as is but for the fills build() expands */
    int status;
    enum answered_by by;
};

/* A POST of body to path with the token and JSON type. */
#define POST(path, body)                                                                           \
    "POST " path " HTTP/1.1\r\nHost: x\r\n" AUTH JSON "Connection: close\r\nContent-Length: "      \
    "%LEN%\r\n\r\n" body
#define GET(target) "GET " target " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
/* A PUT of a document's text (the body after the blank line; %LEN% counts it). */
#define TEXT(id, body)                                                                             \
    "PUT /v1/sources/" id "/text HTTP/1.1\r\nHost: x\r\n" AUTH                                     \
    "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "             \
    "%LEN%\r\n\r\n" body
#define TEXT_NUL(id)                                                                               \
    "PUT /v1/sources/" id "/text HTTP/1.1\r\nHost: x\r\n" AUTH                                     \
    "Content-Type: text/plain\r\nConnection: close\r\nContent-Length: 3\r\n\r\na%NUL%b"
#define ACCEPT(target, value)                                                                      \
    "GET " target " HTTP/1.1\r\nHost: x\r\nAccept: " value "\r\nConnection: close\r\n\r\n"
/* A request for the live change stream with the extra header lines given. */
#define STREAM(target, headers)                                                                    \
    "GET " target " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n" headers                  \
    "Connection: close\r\n\r\n"
#define CODING(target, value)                                                                      \
    "GET " target " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: " value "\r\nConnection: "             \
    "close\r\n\r\n"

static const struct hostile_case cases[] = {
    /* Request line and headers. */
    {"missing Host", "GET /v1/events HTTP/1.1\r\nConnection: close\r\n\r\n", 400, PARSER},
    /* libmicrohttpd closes the connection without an answer (status 0 here). */
    {"garbage request line", "GARBAGE\r\n\r\n", 0, PARSER},
    {"header without a colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", 400, PARSER},
    {"space before a header colon", "GET / HTTP/1.1\r\nHost : x\r\nConnection: close\r\n\r\n", 400,
     PARSER},
    {"huge header", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %BIG%\r\n\r\n", 431, PARSER},
    {"huge URL", "GET /v1/events?q=%BIG% HTTP/1.1\r\nHost: x\r\n\r\n", 414, PARSER},
    {"500 query parameters", GET("/v1/events?%500Q%z=0"), 400, APP},
    {"600 header lines", "GET /v1/events HTTP/1.1\r\nHost: x\r\n%600H%Connection: close\r\n\r\n",
     431, APP},
    {"a 20 KB header",
     "GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: %20000%\r\nConnection: close\r\n\r\n", 431, APP},
    {"a 20 KB target", GET("/v1/events?q=%20000%"), 414, APP},
    {"unknown method on a known path",
     "BREW /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, APP},
    {"TRACE", "TRACE /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, APP},
    {"lower-case method", "get /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405,
     APP},
    {"absolute-form target elsewhere", GET("http://evil.example/v1/events"), 404, APP},
    {"unsupported HTTP version", "GET /v1/events HTTP/9.9\r\nHost: x\r\n\r\n", 505, PARSER},
    /* Framing and bodies. */
    {"Content-Length with Transfer-Encoding",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON
     "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
     400, APP},
    {"unsupported transfer coding",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON "Transfer-Encoding: gzip\r\n\r\n", 400,
     APP},
    {"bad chunk size",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON
     "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
     400, PARSER},
    {"declared body over the limit",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON "Content-Length: 999999\r\n\r\n{", 413,
     APP},
    {"chunked body over the limit",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON
     "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n1388\r\n%5000%\r\n0\r\n\r\n",
     413, APP},
    {"non-numeric Content-Length",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON "Content-Length: ten\r\n\r\n", 400,
     PARSER},
    {"negative Content-Length",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON "Content-Length: -5\r\n\r\n", 400, PARSER},
    {"a body on a read", "GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
     413, APP},
    {"deep JSON nesting", POST("/v1/events", "%DEEP%"), 400, APP},
    {"an empty quote",
     POST("/v1/events", "{\"title\": \"T\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"deepen-security-ties-2021\", \"spans\": [{\"exact\": \"\"}]}]}"),
     422, APP},
    {"a quote into a document with no text",
     POST("/v1/events", "{\"title\": \"T\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"deepen-security-ties-2021\", \"spans\": [{\"exact\": \"Japan\"}]}]}"),
     422, APP},
    {"a quote that is not text",
     POST("/v1/events", "{\"title\": \"T\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"deepen-security-ties-2021\", \"spans\": [{\"exact\": [1]}]}]}"),
     422, APP},
    {"a span with a start alone",
     POST("/v1/events", "{\"title\": \"T\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"deepen-security-ties-2021\", \"spans\": [{\"start\": 3}]}]}"),
     422, APP},
    {"invalid UTF-8", POST("/v1/events", "{\"title\": \"caf\xc3(\", \"type\": \"visit\"}"), 400,
     APP},
    {"escaped NUL", POST("/v1/events", "{\"title\": \"a\\u0000b\", \"type\": \"visit\"}"), 400,
     APP},
    {"duplicate keys",
     POST("/v1/events", "{\"type\": \"visit\", \"type\": \"meeting\", \"title\": \"t\"}"), 400,
     APP},
    {"integer out of range",
     POST("/v1/events",
          "{\"title\": \"t\", \"type\": \"visit\", \"sources\": [{\"id\": \"x\", \"spans\": "
          "[{\"start\": 99999999999999999999, \"end\": 1}]}]}"),
     400, APP},
    {"span offset too large",
     POST("/v1/events",
          "{\"title\": \"t\", \"type\": \"visit\", \"sources\": [{\"id\": "
          "\"deepen-security-ties-2021\", \"spans\": [{\"start\": 1e30, \"end\": 2}]}]}"),
     422, APP},
    {"truncated JSON", POST("/v1/events", "{\"title\": \"t\", "), 400, APP},
    {"JSON that is not an object", POST("/v1/events", "[1, 2, 3]"), 422, APP},
    {"empty body", POST("/v1/events", ""), 400, APP},
    {"unknown field", POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"x\": 1}"), 422,
     APP},
    {"control character in a title",
     POST("/v1/events", "{\"title\": \"a\\u0007b\", \"type\": \"visit\"}"), 422, APP},
    {"title too long", POST("/v1/events", "{\"title\": \"%400%\", \"type\": \"visit\"}"), 422, APP},
    {"impossible date",
     POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"date\": \"2021-02-29\"}"), 422,
     APP},
    {"unknown official",
     POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"participants\": "
                        "[{\"id\": \"no-such-person\"}]}"),
     422, APP},
    {"id with capitals",
     POST("/v1/events", "{\"id\": \"Bad-Id\", \"title\": \"t\", \"type\": \"visit\"}"), 422, APP},
    {"existing id",
     POST("/v1/events", "{\"id\": \"admm-2020\", \"title\": \"t\", \"type\": \"visit\"}"), 409,
     APP},
    {"wrong content type",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
     415, APP},
    {"no content type",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
     415, APP},
    {"PATCH as plain JSON",
     "PATCH /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\n" AUTH JSON
     "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
     415, APP},
    /* Tokens and preconditions. */
    {"write without a token",
     "POST /v1/events HTTP/1.1\r\nHost: x\r\n" JSON
     "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
     401, APP},
    {"write with a wrong token",
     "DELETE /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
     "wrong-token-wrong-token\r\n"
     "Connection: close\r\n\r\n",
     401, APP},
    {"write with a Basic credential",
     "DELETE /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\n"
     "Connection: close\r\n\r\n",
     401, APP},
    {"PUT without a token",
     "PUT /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\n" JSON
     "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
     401, APP},
    {"PATCH with a wrong token",
     "PATCH /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
     "nope-nope-nope-nope\r\n"
     "Content-Type: application/merge-patch+json\r\nContent-Length: 2\r\nConnection: "
     "close\r\n\r\n{}",
     401, APP},
    {"stale If-Match on DELETE",
     "DELETE /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\n" AUTH
     "If-Match: \"0000000000000000\"\r\nConnection: close\r\n\r\n",
     412, APP},
    {"stale If-Match on PATCH",
     "PATCH /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Type: application/merge-patch+json\r\nIf-Match: \"0000000000000000\"\r\n"
     "Content-Length: %LEN%\r\nConnection: close\r\n\r\n{\"status\": \"held\"}",
     412, APP},
    {"garbage If-Match",
     "DELETE /v1/events/admm-2020 HTTP/1.1\r\nHost: x\r\n" AUTH
     "If-Match: <<>>\r\nConnection: close\r\n\r\n",
     412, APP},
    {"rename through PUT",
     "PUT /v1/officials/wang-yi HTTP/1.1\r\nHost: x\r\n" AUTH JSON
     "Content-Length: %LEN%\r\nConnection: close\r\n\r\n{\"id\": \"wang\", \"name\": \"W\", "
     "\"country\": \"CN\"}",
     422, APP},
    {"delete what others refer to",
     "DELETE /v1/officials/nobuo-kishi HTTP/1.1\r\nHost: x\r\n" AUTH "Connection: close\r\n\r\n",
     409, APP},
    /* SQL and FTS metacharacters in every parameter. */
    {"SQL in country", GET("/v1/events?country=%27%20OR%201=1--"), 400, APP},
    {"SQL in official", GET("/v1/events?official=x%27;DROP%20TABLE%20events;--"), 400, APP},
    {"SQL in type", GET("/v1/events?type=meeting%27--"), 400, APP},
    {"SQL in topic", GET("/v1/events?topic=a%22b"), 400, APP},
    {"SQL in agreement", GET("/v1/events?agreement=%27)%20UNION%20SELECT%201--"), 400, APP},
    {"SQL in sort", GET("/v1/events?sort=date;DROP%20TABLE%20events"), 400, APP},
    {"SQL in limit", GET("/v1/events?limit=1;DELETE"), 400, APP},
    {"SQL in offset", GET("/v1/events?offset=1%20OR%201"), 400, APP},
    {"SQL in from", GET("/v1/events?from=%272020"), 400, APP},
    {"SQL in party", GET("/v1/agreements?party=JP%27--"), 400, APP},
    {"SQL in signatory", GET("/v1/agreements?signatory=%25"), 400, APP},
    {"SQL in location is only text", GET("/v1/events?location=%27%20OR%20%271%27=%271"), 200, APP},
    {"LIKE wildcard in location is only text", GET("/v1/events?location=%25%25"), 200, APP},
    {"FTS unbalanced quote", GET("/v1/search?q=%22kishi"), 400, APP},
    {"FTS bare operator", GET("/v1/search?q=kishi%20AND"), 400, APP},
    {"search naming a field there is not", GET("/v1/events?q=secret:kishi"), 400, APP},
    {"FTS star alone", GET("/v1/officials?q=*"), 400, APP},
    {"FTS NEAR without close", GET("/v1/agreements?q=NEAR(a%20b"), 400, APP},
    {"FTS punctuation only", GET("/v1/sources?q=%27%22%3B"), 400, APP},
    {"NUL in a query value", GET("/v1/search?q=%00"), 400, APP},
    {"NUL in a query parameter's name", GET("/v1/events?limit%00x=5"), 400, APP},
    {"a search to cache, then one cut at a NUL", GET("/v1/search?q=k"), 200, APP},
    {"a NUL that would share the cached search's key", GET("/v1/search?q=k%00i"), 400, APP},
    {"NUL after an id", GET("/v1/events/admm-2020%00"), 400, APP},
    {"NUL in a text's id", GET("/v1/sources/x%00/text"), 400, APP},
    /* Bytes that are not UTF-8: PostgreSQL would refuse them as text, SQLite keep them. */
    {"a stray byte in a search", GET("/v1/search?q=ki%B7hi"), 400, APP},
    {"a stray byte in a list's search", GET("/v1/events?q=%B7"), 400, APP},
    {"a stray byte in a name search", GET("/v1/officials?q=giang%FF"), 400, APP},
    {"a stray byte in a timeline search", GET("/v1/timeline?q=%B7"), 400, APP},
    {"a stray byte in a location", GET("/v1/events?location=h%B7"), 400, APP},
    {"an overlong slash in a search", GET("/v1/search?q=%C0%AF"), 400, APP},
    {"a UTF-16 surrogate in a search", GET("/v1/sources?q=%ED%A0%80"), 400, APP},
    {"a cut sequence in a search", GET("/v1/agreements?q=%E1%BA"), 400, APP},
    {"UTF-8 text in a search", GET("/v1/search?q=%C4%90%E1%BA%A1i"), 200, APP},

    {"very long search", GET("/v1/search?q=%300%"), 400, APP},
    {"unknown search kind", GET("/v1/search?q=x&kind=users"), 400, APP},
    {"repeated parameter", GET("/v1/events?limit=1&limit=2"), 400, APP},
    {"unknown parameter", GET("/v1/events?admin=true"), 400, APP},
    {"limit beyond the maximum", GET("/v1/events?limit=100000000000000000000"), 400, APP},
    {"negative cursor", GET("/v1/changes?since=-1"), 400, APP},
    /* Paths. */
    {"dot-dot in a path", GET("/v1/events/../../etc/passwd"), 404, APP},
    {"encoded dot-dot in an id", GET("/v1/events/..%2F..%2Fetc%2Fpasswd"), 400, APP},
    {"encoded dots as an id", GET("/v1/events/%2e%2e"), 400, APP},
    {"NUL in an id", GET("/v1/events/admm%00-2020"), 400, APP},
    {"bad percent-encoding", GET("/v1/events/%zz"), 400, APP},
    {"CRLF in a parameter", GET("/v1/events?sort=date%0d%0aX-Injected:%201"), 400, APP},
    {"CRLF in a search", GET("/v1/search?q=a%0d%0aX-Injected:%201"), 400, APP},
    /* Accept and Accept-Encoding: whatever is sent, an answer or a 406, never a guess. */
    {"Accept of 5,000 bytes of nonsense", ACCEPT("/v1/events", "%5000%"), 406, APP},
    {"Accept with 400 q-valued ranges", ACCEPT("/v1/events", "%MANYQ%"), 200, APP},
    {"Accept with 400 ranges none offered", ACCEPT("/v1/events", "%MANYHTML%"), 406, APP},
    {"Accept of separators only", ACCEPT("/v1/events", ";;;,,,;q=;q=abc, ,"), 406, APP},
    /* The live change stream: its cursors and what it cannot be asked. */
    {"a stream from a cursor of letters", STREAM("/v1/changes", "Last-Event-ID: abc\r\n"), 400,
     APP},
    {"a stream from a negative cursor", STREAM("/v1/changes", "Last-Event-ID: -5\r\n"), 400, APP},
    {"a stream from an empty cursor", STREAM("/v1/changes", "Last-Event-ID:\r\n"), 400, APP},
    {"a stream from a cursor of 400 digits", STREAM("/v1/changes", "Last-Event-ID: %400D%\r\n"),
     400, APP},
    {"a stream with a limit", STREAM("/v1/changes?limit=10", ""), 400, APP},
    {"a stream of an unknown kind", STREAM("/v1/changes?kind=people", ""), 400, APP},
    {"a stream of an id that is none", STREAM("/v1/changes?id=A%20B", ""), 400, APP},
    {"a stream as an unknown format", GET("/v1/changes?format=sse2"), 400, APP},
    {"a stream POSTed to", POST("/v1/changes", "{}"), 405, APP},
    {"Accept with q=nan", ACCEPT("/v1/events", "*/*;q=nan"), 406, APP},
    {"Accept with a negative q", ACCEPT("/v1/events", "application/json;q=-1"), 406, APP},
    {"Accept with a huge q", ACCEPT("/v1/events", "text/csv;q=1e999"), 200, APP},
    {"Accept with a half range", ACCEPT("/v1/events", "application/"), 406, APP},
    {"Accept with a bare star", ACCEPT("/v1/events", "*"), 406, APP},
    {"Accept with CSV on a record", ACCEPT("/v1/events/admm-2020", "text/csv"), 406, APP},
    {"Accept-Encoding of 5,000 bytes", CODING("/v1/events", "%5000%"), 200, APP},
    {"Accept-Encoding with 400 q-values", CODING("/v1/events", "%MANYGZ%"), 200, APP},
    {"Accept-Encoding refusing identity", CODING("/v1/events", "identity;q=0"), 406, APP},
    {"Accept-Encoding refusing everything", CODING("/v1/events", "*;q=0"), 406, APP},
    {"Accept-Encoding with q=nan", CODING("/v1/events", "gzip;q=nan, identity;q=0"), 406, APP},
    {"Accept-Encoding of separators", CODING("/v1/events", ",;,;q=,"), 200, APP},
    {"unknown format", GET("/v1/events?format=xml"), 400, APP},
    {"format in capitals", GET("/v1/events?format=CSV"), 400, APP},
    {"repeated format", GET("/v1/events?format=csv&format=ndjson"), 400, APP},
    {"NUL in format", GET("/v1/events?format=csv%00"), 400, APP},
    {"NUL inside a filter", GET("/v1/events?type=meeting%00x"), 400, APP},
    {"a raw NUL byte in the target", GET("/v1/events/admm-2020%NUL%junk"), 400, APP},
    {"a raw NUL byte ending the target", GET("/v1/events%NUL%"), 400, APP},
    {"a delete with a raw NUL byte in its id",
     "DELETE /v1/events/admm-2020%NUL%junk HTTP/1.1\r\nHost: x\r\n" AUTH
     "Connection: close\r\n\r\n",
     400, APP},
    {"format on a record", GET("/v1/events/admm-2020?format=csv"), 400, APP},
    {"limit=all on a JSON page", GET("/v1/events?limit=all"), 400, APP},
    {"an export with an offset", GET("/v1/events?format=ndjson&offset=5"), 400, APP},
    {"an export with a page size", GET("/v1/officials?format=ndjson&limit=10"), 400, APP},
    /* A document's text. */
    {"text with invalid UTF-8", TEXT("deepen-security-ties-2021", "caf\xc3("), 400, APP},
    {"text with an overlong encoding", TEXT("deepen-security-ties-2021", "\xc0\xaf"), 400, APP},
    {"text with a surrogate", TEXT("deepen-security-ties-2021", "\xed\xa0\x80"), 400, APP},
    {"text with a NUL byte", TEXT_NUL("deepen-security-ties-2021"), 400, APP},
    {"text over the body limit", TEXT("deepen-security-ties-2021", "%5000%"), 413, APP},
    {"text too short for its spans", TEXT("deepen-security-ties-2021", "Too short."), 409, APP},
    {"text as HTML",
     "PUT /v1/sources/deepen-security-ties-2021/text HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Type: text/html\r\nContent-Length: 4\r\nConnection: close\r\n\r\n<p/>",
     415, APP},
    {"text in another charset",
     "PUT /v1/sources/deepen-security-ties-2021/text HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Type: text/plain; charset=utf-16\r\nContent-Length: 2\r\nConnection: "
     "close\r\n\r\nab",
     415, APP},
    {"text without a token",
     "PUT /v1/sources/deepen-security-ties-2021/text HTTP/1.1\r\nHost: x\r\nContent-Type: "
     "text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab",
     401, APP},
    {"text of an unknown source", TEXT("no-such-source", "Some text."), 404, APP},
    {"text of an id with dots", TEXT("..%2f..%2fetc", "Some text."), 400, APP},
    {"text with a stale If-Match",
     "PUT /v1/sources/deepen-security-ties-2021/text HTTP/1.1\r\nHost: x\r\n" AUTH
     "Content-Type: text/plain\r\nIf-Match: \"0000000000000000\"\r\nContent-Length: "
     "2\r\nConnection: close\r\n\r\nab",
     412, APP},
    {"text not loaded", GET("/v1/sources/deepen-security-ties-2021/text"), 404, APP},
    {"a body to no resource", POST("/v1/nothing-here", "{}"), 404, APP},
    {"a body under a method the path does not take", POST("/v1/events/admm-2020", "{}"), 405, APP},
    {"mentions without a text", GET("/v1/sources/deepen-security-ties-2021/mentions"), 404, APP},
    {"mentions with a parameter", GET("/v1/sources/deepen-security-ties-2021/mentions?x=1"), 400,
     APP},
    {"proposals without a text", GET("/v1/sources/deepen-security-ties-2021/proposals"), 404, APP},
    {"proposals with a parameter", GET("/v1/sources/deepen-security-ties-2021/proposals?limit=5"),
     400, APP},
    {"proposals of an id with dots", GET("/v1/sources/..%2f..%2fetc/proposals"), 400, APP},
    {"text as JSON", ACCEPT("/v1/sources/deepen-security-ties-2021/text", "application/json"), 406,
     APP},
};

/* Builds the bytes of a case: expands the fills (%BIG%, %DEEP%, %400%, %300%, %5000%, %MANYQ%,
 * %MANYHTML%, %MANYGZ%: a pattern repeated), then puts the length of what follows the blank line
 * in place of %LEN%. */
static char *build(const char *tmpl, size_t *len)
{
    static const struct {
        const char *token, *pattern;
        size_t count;
    } fills[] = {{"%BIG%", "a", 100000},
                 {"%400%", "x", 400},
                 {"%300%", "x", 300},
                 {"%5000%", "x", 5000},
                 {"%DEEP%", "[", 3000},
                 {"%MANYQ%", "application/json;q=0.001,", 400},
                 {"%MANYHTML%", "text/html;q=0.9,", 400},
                 {"%MANYGZ%", "gzip;q=0.5,", 400},
                 {"%500Q%", "z=1&", 500},
                 {"%600H%", "X-Line: y\r\n", 600},
                 {"%20000%", "x", 20000},
                 {"%400D%", "9", 400},
                 {"%NUL%", "\0", 1}};
    size_t cap = strlen(tmpl) + 120000;
    char *expanded = malloc(cap);
    size_t o = 0;
    for (const char *p = tmpl; *p;) {
        bool replaced = false;
        for (size_t f = 0; f < sizeof fills / sizeof fills[0] && !replaced; f++) {
            size_t tl = strlen(fills[f].token);
            size_t pl = fills[f].pattern[0] ? strlen(fills[f].pattern) : 1; /* "\\0": one NUL */
            if (strncmp(p, fills[f].token, tl) == 0) {
                for (size_t k = 0; k < fills[f].count; k++, o += pl)
                    memcpy(expanded + o, fills[f].pattern, pl);
                p += tl;
                replaced = true;
            }
        }
        if (!replaced)
            expanded[o++] = *p++;
    }
    expanded[o] = '\0';
    char *marker = strstr(expanded, "%LEN%");
    if (!marker) {
        *len = o;
        return expanded;
    }
    const char *body = strstr(marker, "\r\n\r\n");
    size_t body_len = body ? o - (size_t)(body + 4 - expanded) : 0;
    char *out = malloc(o + 32);
    size_t head = (size_t)(marker - expanded);
    memcpy(out, expanded, head);
    int n = sprintf(out + head, "%zu", body_len);
    memcpy(out + head + (size_t)n, marker + 5, o - head - 5);
    *len = o - 5 + (size_t)n;
    free(expanded);
    return out;
}

static int status_of(const char *reply)
{
    int status = 0;
    return sscanf(reply, "HTTP/1.%*d %d", &status) == 1 ? status : 0;
}

static void assert_alive(const char *after)
{
    struct http_reply reply;
    http_get(server.base_url, "/healthz", &reply);
    cr_assert_eq(reply.status, 200, "the server stopped answering after: %s", after);
    http_reply_free(&reply);
}

Test(hostile, every_bad_request_gets_its_exact_refusal_and_changes_nothing)
{
    struct http_reply before;
    char etag_before[40], etag_after[40];
    http_get(server.base_url, "/v1/events?limit=500", &before);
    http_header(&before, "ETag", etag_before, sizeof etag_before);
    http_reply_free(&before);

    size_t n = sizeof cases / sizeof cases[0];
    cr_assert_geq(n, 60, "the suite holds %zu cases", n);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        char *request = build(cases[i].request, &len);
        char *reply = raw_exchange(server.port, request, len, 3000);
        int status = status_of(reply);
        cr_expect_eq(status, cases[i].status, "%s: expected %d, got: %.200s", cases[i].what,
                     cases[i].status, reply);
        if (cases[i].by == APP && status >= 400)
            cr_expect(strstr(reply, "Content-Type: application/problem+json"),
                      "%s: no problem+json body: %.300s", cases[i].what, reply);
        cr_expect_null(strstr(reply, "X-Injected"), "%s: a header was injected", cases[i].what);
        free(reply);
        free(request);
        assert_alive(cases[i].what);
    }

    struct http_reply after;
    http_get(server.base_url, "/v1/events?limit=500", &after);
    cr_assert_str_eq(http_header(&after, "ETag", etag_after, sizeof etag_after), etag_before,
                     "the events changed");
    http_reply_free(&after);
    http_get(server.base_url, "/v1/changes", &after);
    cr_assert(strstr(after.body, "\"items\":[]"), "something was written: %.300s", after.body);
    http_reply_free(&after);
}

/* The id of the first record of a collection ("/v1/events"), in id. */
static void first_id(const char *collection, char *id, size_t size)
{
    char path[96];
    snprintf(path, sizeof path, "%s?limit=1", collection);
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    const char *at = strstr(reply.body, "\"id\":\"");
    cr_assert_not_null(at, "%s: %.200s", path, reply.body);
    at += 6;
    size_t len = strcspn(at, "\"");
    cr_assert_lt(len, size);
    memcpy(id, at, len);
    id[len] = '\0';
    http_reply_free(&reply);
}

/* Every route's {id}, under every method it takes, given a real record's id spoilt in the ways
 * that once cut it short or split it: each is a 400 naming the segment, and nothing is written
 * (the record the id would have been cut to is the one a PATCH or DELETE would have hit). */
Test(hostile, every_id_position_refuses_what_no_id_holds)
{
    static const struct {
        unsigned bit;
        const char *name;
    } methods[] = {
        {HTTP_GET, "GET"}, {HTTP_PUT, "PUT"}, {HTTP_PATCH, "PATCH"}, {HTTP_DELETE, "DELETE"}};
    /* The id's first `keep` bytes (-1: all of it), then `tail`, then the rest of the id if `rest`.
     */
    static const struct {
        int keep;
        const char *tail;
        bool rest;
    } spoilt[] = {{-1, "%00junk", false}, {-1, "%00", false},       {3, "%00", true},
                  {-1, "%2F", false},     {-1, "%2fx", false},      {0, "%2e%2e", false},
                  {-1, "%C0%AE", false},  {-1, "%E0%80%AF", false}, {-1, "%zz", false},
                  {-1, "%", false},       {-1, "%2", false}};
    size_t sent = 0;
    for (const struct route *r = jvdr_routes; r->pattern; r++) {
        const char *capture = strstr(r->pattern, "{id}");
        if (!capture)
            continue;
        char collection[64], id[128];
        snprintf(collection, sizeof collection, "%.*s", (int)(capture - 1 - r->pattern),
                 r->pattern);
        first_id(collection, id, sizeof id);
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
            if (!(r->methods & methods[m].bit))
                continue;
            for (size_t v = 0; v < sizeof spoilt / sizeof spoilt[0]; v++) {
                char segment[256], request[1024];
                int keep = spoilt[v].keep < 0 ? (int)strlen(id) : spoilt[v].keep;
                snprintf(segment, sizeof segment, "%.*s%s%s", keep, id, spoilt[v].tail,
                         spoilt[v].rest ? id + keep : "");
                const bool text = strstr(r->pattern, "/text") != NULL;
                const char *body = methods[m].bit == HTTP_GET || methods[m].bit == HTTP_DELETE ? ""
                                   : text ? "Another text."
                                          : "{\"title\":\"Spoilt\",\"name\":\"Spoilt\"}";
                int n = snprintf(request, sizeof request,
                                 "%s %.*s%s%s HTTP/1.1\r\nHost: x\r\n" AUTH
                                 "Content-Type: %s\r\nConnection: close\r\n"
                                 "Content-Length: %zu\r\n\r\n%s",
                                 methods[m].name, (int)(capture - r->pattern), r->pattern, segment,
                                 capture + 4,
                                 text                           ? "text/plain; charset=utf-8"
                                 : methods[m].bit == HTTP_PATCH ? "application/merge-patch+json"
                                                                : "application/json",
                                 strlen(body), body);
                char *reply = raw_exchange(server.port, request, (size_t)n, 3000);
                cr_expect_eq(status_of(reply), 400, "%s %s: %.300s", methods[m].name, segment,
                             reply);
                cr_expect(strstr(reply, "application/problem+json") &&
                              strstr(reply, "\"segment\":\"id\""),
                          "%s %s: %.300s", methods[m].name, segment, reply);
                free(reply);
                sent++;
            }
        }
    }
    cr_assert_geq(sent, 100, "only %zu requests were sent", sent);
    struct http_reply after;
    http_get(server.base_url, "/v1/changes", &after);
    cr_assert(strstr(after.body, "\"items\":[]"), "something was written: %.300s", after.body);
    http_reply_free(&after);
}

Test(hostile, a_truncated_body_leaves_the_server_up)
{
    const char request[] = "POST /v1/events HTTP/1.1\r\nHost: x\r\n" AUTH JSON
                           "Content-Length: 100\r\n\r\n{\"title\":";
    int fd = -1;
    free(raw_exchange_open(server.port, request, &fd));
    close(fd); /* the client goes away mid-body */
    assert_alive("a truncated body");
}

Test(hostile, slow_clients_do_not_starve_a_normal_request)
{
    enum { SLOW = 64 };
    int fds[SLOW];
    for (int i = 0; i < SLOW; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server.port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        cr_assert_eq(connect(fds[i], (struct sockaddr *)&a, sizeof a), 0);
        send(fds[i], "GET /v1/events HTTP/1.1\r\nHo", 27, MSG_NOSIGNAL);
    }
    /* While they trickle a byte now and then, a normal client is answered. */
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < SLOW; i++)
            send(fds[i], "s", 1, MSG_NOSIGNAL);
        struct http_reply reply;
        http_get(server.base_url, "/v1/events/admm-2020", &reply);
        cr_assert_eq(reply.status, 200, "round %d", round);
        http_reply_free(&reply);
    }
    for (int i = 0; i < SLOW; i++)
        close(fds[i]);
}

/* Citations against a loaded text: quotes that are empty, huge, not in the text or ambiguous are
 * 422s; a correction that loses cited words is refused (409) whatever else Prefer says, and
 * changes nothing; lenient with no orphans is an ordinary replacement. */
#define CITE(exact)                                                                                \
    POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"sources\": [{\"id\": "           \
                       "\"hostile-doc\", \"spans\": [{\"exact\": " exact "}]}]}")
#define CORRECT(prefer, body)                                                                      \
    "PUT /v1/sources/hostile-doc/text HTTP/1.1\r\nHost: x\r\n" AUTH                                \
    "Content-Type: text/plain; charset=utf-8\r\n" prefer "Connection: close\r\nContent-Length: "   \
    "%LEN%\r\n\r\n" body
#define AUTH_HEADER "Authorization: Bearer hostile-test-token-0123456789"
#define HOSTILE_TEXT "The two ministers met in Hanoi. The two ministers met again in Tokyo."

static const struct hostile_case citations[] = {
    {"an empty quote", CITE("\"\""), 422, APP},
    {"a quote of spaces", CITE("\"   \""), 422, APP},
    {"a quote over the body limit", CITE("\"%BIG%\""), 413, APP},
    {"a quote of 1,200 code points", CITE("\"%400%%400%%400%\""), 422, APP},
    {"a quote not in the text", CITE("\"ministers met in Osaka\""), 422, APP},
    {"an ambiguous quote", CITE("\"The two ministers met\""), 422, APP},
    {"a quote with a huge prefix",
     POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"hostile-doc\", \"spans\": [{\"exact\": \"met\", \"prefix\": "
                        "\"%400%%400%%400%\"}]}]}"),
     422, APP},
    {"a quote beside offsets past the text",
     POST("/v1/events", "{\"title\": \"t\", \"type\": \"visit\", \"sources\": [{\"id\": "
                        "\"hostile-doc\", \"spans\": [{\"start\": 60, \"end\": 999, \"exact\": "
                        "\"Tokyo\"}]}]}"),
     422, APP},
    {"a correction losing cited words", CORRECT("", "Nothing of it is left."), 409, APP},
    {"strict handling", CORRECT("Prefer: handling=strict\r\n", "Nothing of it is left."), 409, APP},
    {"a lenient look-alike", CORRECT("Prefer: handling=lenientish\r\n", "Nothing left."), 409, APP},
    {"lenient as another preference's parameter",
     CORRECT("Prefer: return=minimal; handling=lenient\r\n", "Nothing left."), 409, APP},
    {"an empty Prefer", CORRECT("Prefer: \r\n", "Nothing of it is left."), 409, APP},
    {"a Prefer of 5,000 bytes", CORRECT("Prefer: %5000%\r\n", "Nothing of it is left."), 409, APP},
};

Test(hostile, corrections_and_quotes_that_would_cite_wrongly_are_refused)
{
    struct http_reply reply;
    const char *headers[] = {AUTH_HEADER, "Content-Type: application/json", NULL};
    char url[256];
    snprintf(url, sizeof url, "%s/v1/sources", server.base_url);
    const char *source = "{\"id\": \"hostile-doc\", \"title\": \"Hostile doc\"}";
    http_send(NULL, "POST", url, headers, source, strlen(source), &reply);
    cr_assert_eq(reply.status, 201);
    http_reply_free(&reply);
    const char *text_headers[] = {AUTH_HEADER, "Content-Type: text/plain; charset=utf-8", NULL};
    snprintf(url, sizeof url, "%s/v1/sources/hostile-doc/text", server.base_url);
    http_send(NULL, "PUT", url, text_headers, HOSTILE_TEXT, strlen(HOSTILE_TEXT), &reply);
    cr_assert_eq(reply.status, 201);
    http_reply_free(&reply);
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    const char *event = "{\"id\": \"cites-hostile-doc\", \"title\": \"t\", \"type\": \"visit\", "
                        "\"sources\": [{\"id\": \"hostile-doc\", \"spans\": [{\"exact\": "
                        "\"met again in Tokyo\"}]}]}";
    http_send(NULL, "POST", url, headers, event, strlen(event), &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    struct http_reply before;
    http_get(server.base_url, "/v1/events/cites-hostile-doc", &before);

    for (size_t i = 0; i < sizeof citations / sizeof citations[0]; i++) {
        size_t len = 0;
        char *request = build(citations[i].request, &len);
        char *answer = raw_exchange(server.port, request, len, 3000);
        cr_expect_eq(status_of(answer), citations[i].status, "%s: expected %d, got: %.300s",
                     citations[i].what, citations[i].status, answer);
        cr_expect(strstr(answer, "Content-Type: application/problem+json"),
                  "%s: no problem+json body: %.300s", citations[i].what, answer);
        free(answer);
        free(request);
        assert_alive(citations[i].what);
    }
    http_get(server.base_url, "/v1/sources/hostile-doc/text", &reply);
    cr_assert_str_eq(reply.body, HOSTILE_TEXT, "a refused correction changed the text");
    http_reply_free(&reply);
    struct http_reply after;
    http_get(server.base_url, "/v1/events/cites-hostile-doc", &after);
    cr_assert_str_eq(after.body, before.body, "a refusal changed the record");
    http_reply_free(&after);
    http_reply_free(&before);

    /* Lenient with nothing lost: stored, the span carried, no orphans shown. */
    const char *lenient_headers[] = {AUTH_HEADER, "Content-Type: text/plain; charset=utf-8",
                                     "Prefer: handling=lenient", NULL};
    const char *moved = "Update: " HOSTILE_TEXT;
    snprintf(url, sizeof url, "%s/v1/sources/hostile-doc/text", server.base_url);
    http_send(NULL, "PUT", url, lenient_headers, moved, strlen(moved), &reply);
    cr_assert_eq(reply.status, 204, "%s", reply.body);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/events/cites-hostile-doc", &after);
    cr_assert(strstr(after.body, "\"passage\":\"met again in Tokyo\""), "%s", after.body);
    cr_assert_null(strstr(after.body, "orphans"), "%s", after.body);
    http_reply_free(&after);
}

/* One of several clients reverting the same change at once. */
struct reverter {
    pthread_t thread;
    pthread_barrier_t *start;
    const char *url;
    long status;
};

static void *revert_at_once(void *arg)
{
    struct reverter *r = arg;
    const char *headers[] = {AUTH_HEADER, NULL};
    struct http_reply reply;
    pthread_barrier_wait(r->start);
    http_send(NULL, "POST", r->url, headers, NULL, 0, &reply);
    r->status = reply.status;
    http_reply_free(&reply);
    return NULL;
}

/* The cursor of the last change (/v1/changes?since=0, newest last). */
static long long newest_change(void)
{
    json_t *list = http_get_json(server.base_url, "/v1/changes?limit=1000");
    json_t *items = json_object_get(list, "items");
    long long cursor = json_integer_value(
        json_object_get(json_array_get(items, json_array_size(items) - 1), "cursor"));
    json_decref(list);
    return cursor;
}

static long post_revert(long long cursor, const char *header)
{
    char url[160];
    snprintf(url, sizeof url, "%s/v1/changes/%lld/revert", server.base_url, cursor);
    const char *headers[] = {AUTH_HEADER, header, NULL};
    struct http_reply reply;
    http_send(NULL, "POST", url, headers, NULL, 0, &reply);
    long status = reply.status;
    cr_expect(status == 200 || strstr(reply.body, "\"status\":"), "%ld: not a problem: %.200s",
              status, reply.body);
    http_reply_free(&reply);
    return status;
}

Test(hostile, reverts_raced_repeated_or_of_records_since_deleted)
{
    const char *json_headers[] = {AUTH_HEADER, "Content-Type: application/merge-patch+json", NULL};
    char url[160];
    snprintf(url, sizeof url, "%s/v1/events/admm-2020", server.base_url);
    struct http_reply reply;
    const char *patch = "{\"summary\": \"Reverted at once by eight clients\"}";
    http_send(NULL, "PATCH", url, json_headers, patch, strlen(patch), &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    long long patched = newest_change();

    /* Eight clients revert that change at the same moment: exactly one wins, the rest are told
     * the event has changed since (by the winner's revert). */
    enum { CLIENTS = 8 };
    struct reverter clients[CLIENTS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, CLIENTS);
    char revert_url[160];
    snprintf(revert_url, sizeof revert_url, "%s/v1/changes/%lld/revert", server.base_url, patched);
    for (int i = 0; i < CLIENTS; i++) {
        clients[i] = (struct reverter){.start = &start, .url = revert_url};
        pthread_create(&clients[i].thread, NULL, revert_at_once, &clients[i]);
    }
    int won = 0, refused = 0;
    for (int i = 0; i < CLIENTS; i++) {
        pthread_join(clients[i].thread, NULL);
        won += clients[i].status == 200;
        refused += clients[i].status == 409;
    }
    pthread_barrier_destroy(&start);
    cr_assert_eq(won, 1, "%d reverts of one change succeeded", won);
    cr_assert_eq(refused, CLIENTS - 1);
    long long reverted = newest_change();
    cr_assert_eq(post_revert(reverted, NULL), 200, "a revert of the revert");
    cr_assert_eq(post_revert(reverted, NULL), 409, "the same revert twice");

    /* A change to a record deleted since: 409 naming the delete; If-Match cannot name a record
     * that is not there (412); unknown and malformed cursors. */
    const char *auth_only[] = {AUTH_HEADER, NULL};
    http_send(NULL, "DELETE", url, auth_only, NULL, 0, &reply);
    cr_assert_eq(reply.status, 204, "%s", reply.body);
    http_reply_free(&reply);
    cr_assert_eq(post_revert(patched, NULL), 409);
    cr_assert_eq(post_revert(patched, "If-Match: *"), 412);
    cr_assert_eq(post_revert(newest_change() + 1, NULL), 404);
    cr_assert_eq(post_revert(9007199254740991LL, NULL), 404);
    cr_assert_eq(post_revert(9007199254740992LL, NULL), 400);
    http_get(server.base_url, "/v1/events/admm-2020", &reply);
    cr_assert_eq(reply.status, 404, "the refusals wrote nothing");
    http_reply_free(&reply);
}
