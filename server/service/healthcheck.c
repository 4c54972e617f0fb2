/* `jvdr healthcheck`; see include/jvdr/service/healthcheck.h. */
#include "jvdr/service/healthcheck.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int healthcheck(const char *host, unsigned port, int timeout_seconds)
{
    struct sockaddr_in6 a6;
    struct sockaddr_in a4;
    memset(&a6, 0, sizeof a6);
    memset(&a4, 0, sizeof a4);
    const struct sockaddr *addr;
    socklen_t len;
    int family;
    if (inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((unsigned short)port);
        addr = (const struct sockaddr *)&a4;
        len = sizeof a4;
        family = AF_INET;
    } else if (inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((unsigned short)port);
        addr = (const struct sockaddr *)&a6;
        len = sizeof a6;
        family = AF_INET6;
    } else {
        return -1;
    }
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {timeout_seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    char request[128], reply[64] = "";
    snprintf(request, sizeof request,
             "GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host);
    int rc = -1;
    if (connect(fd, addr, len) == 0 && send(fd, request, strlen(request), 0) > 0 &&
        recv(fd, reply, sizeof reply - 1, 0) > 12 && strncmp(reply, "HTTP/1.1 200", 12) == 0)
        rc = 0;
    close(fd);
    return rc;
}
