/* Address ranges: a list of IPv4/IPv6 addresses and CIDR ranges parsed from text
 * ("10.0.0.0/8, 192.168.1.7, fd00::/8"), and membership of a numeric address in it. Used for the
 * trusted proxies; parsed at configuration time so that a bad entry stops start-up. */
#ifndef JVDR_BASE_CIDR_H
#define JVDR_BASE_CIDR_H

#include <stdbool.h>
#include <stddef.h>

struct cidr_range {
    int family; /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    unsigned prefix_bits;
};

struct cidr_list {
    struct cidr_range *ranges; /* malloc'd; freed by cidr_list_cleanup */
    size_t count;
};

/* Parses a comma- or space-separated list of addresses and CIDR ranges ("" or NULL is the empty
 * list). Returns 0, or -1 with "'ENTRY' is not an address or CIDR range" (or "out of memory") in
 * err, leaving list empty. */
int cidr_list_parse(struct cidr_list *list, const char *text, char *err, size_t errlen);

void cidr_list_cleanup(struct cidr_list *list);

/* True when the numeric address text (IPv4, IPv6, or IPv4-mapped IPv6) lies in one of the
 * ranges; false for anything that is not a numeric address. */
bool cidr_list_contains(const struct cidr_list *list, const char *address);

#endif
