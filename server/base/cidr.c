/* Address ranges and membership; see include/jvdr/base/cidr.h. */
#include "jvdr/base/cidr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Parses "address" or "address/bits" into r; false when malformed. */
static bool parse_range(const char *text, size_t len, struct cidr_range *r)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    memset(r, 0, sizeof *r);
    if (inet_pton(AF_INET, buf, r->addr) == 1) {
        r->family = AF_INET;
        r->prefix_bits = 32;
    } else if (inet_pton(AF_INET6, buf, r->addr) == 1) {
        r->family = AF_INET6;
        r->prefix_bits = 128;
    } else {
        return false;
    }
    if (slash) {
        char *end = NULL;
        unsigned long bits = strtoul(slash + 1, &end, 10);
        if (!isdigit((unsigned char)slash[1]) || *end || bits > r->prefix_bits)
            return false;
        r->prefix_bits = (unsigned)bits;
    }
    return true;
}

int cidr_list_parse(struct cidr_list *list, const char *text, char *err, size_t errlen)
{
    memset(list, 0, sizeof *list);
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (len == 0)
            break;
        struct cidr_range r;
        if (!parse_range(p, len, &r)) {
            snprintf(err, errlen, "'%.*s' is not an address or CIDR range", (int)len, p);
            cidr_list_cleanup(list);
            return -1;
        }
        struct cidr_range *grown = realloc(list->ranges, (list->count + 1) * sizeof *grown);
        if (!grown) {
            snprintf(err, errlen, "out of memory");
            cidr_list_cleanup(list);
            return -1;
        }
        list->ranges = grown;
        list->ranges[list->count++] = r;
        p += len;
    }
    return 0;
}

void cidr_list_cleanup(struct cidr_list *list)
{
    free(list->ranges);
    memset(list, 0, sizeof *list);
}

static bool in_range(const struct cidr_range *r, int family, const unsigned char *addr)
{
    if (r->family != family)
        return false;
    unsigned full = r->prefix_bits / 8, rest = r->prefix_bits % 8;
    if (memcmp(r->addr, addr, full) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (r->addr[full] & mask) == (addr[full] & mask);
}

bool cidr_list_contains(const struct cidr_list *list, const char *address)
{
    unsigned char addr[16];
    int family = AF_INET;
    if (inet_pton(AF_INET, address, addr) != 1) {
        family = AF_INET6;
        if (inet_pton(AF_INET6, address, addr) != 1)
            return false;
        /* An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d. */
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(addr, mapped, 12) == 0) {
            memmove(addr, addr + 12, 4);
            family = AF_INET;
        }
    }
    for (size_t i = 0; i < list->count; i++)
        if (in_range(&list->ranges[i], family, addr))
            return true;
    return false;
}
