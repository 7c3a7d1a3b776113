/* The TURN relay core (RFC 8656 sections 11 and 12) for UDP clients: its Python type.
 *
 * Python owns everything else (STUN, authentication, allocations, expiry) and fills this
 * core's bounded tables through RelayCore's methods: per UDP client, its relay sockets,
 * permitted peer IPs, channel bindings and bandwidth limit. The relay thread
 * (turn/relay_thread.c) relays with them; one mutex guards the tables, the queue for Python
 * and the counters: the thread holds it while it relays one wake-up's batch, Python while it
 * reads or changes them. A core belongs to the process that created it: in a forked child
 * its methods raise. Over 600 lines: it is the core's one Python type, each method
 * converting and checking Python objects for the tables (set_allocation a whole allocation:
 * relay sockets, permissions, channels, bandwidth) with its docstring beside it; relaying
 * with the tables is relay_thread.c's.
 */
#include "relaycore.h"

static const char *const DROP_NAMES[D_COUNT] = {
    "oversize", "malformed", "no_channel", "no_permission",
    "family_mismatch", "send_failed", "native_table_full", "native_queue_full",
    "native_queue_closed", "request_rate_limited", "bandwidth",
};

/* --- addresses from and to Python -------------------------------------------------------- */

/* Text IP -> addr_t (port 0); raises ValueError. */
static int parse_ip(PyObject *text, addr_t *out) {
    Py_ssize_t length = 0;
    const char *s = PyUnicode_Check(text) ? PyUnicode_AsUTF8AndSize(text, &length) : NULL;
    if (s == NULL) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "an IP address must be a str");
        return -1;
    }
    if ((size_t)length != strlen(s)) { /* inet_pton would read up to the NUL only */
        PyErr_Format(PyExc_ValueError, "not an IP address: %R", text);
        return -1;
    }
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, s, out->ip) == 1) {
        out->family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, s, out->ip) == 1) {
        out->family = AF_INET6;
        return 0;
    }
    PyErr_Format(PyExc_ValueError, "not an IP address: %R", text);
    return -1;
}

/* (ip, port) -> addr_t; raises ValueError. */
static int parse_address(PyObject *pair, addr_t *out) {
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) < 2) {
        PyErr_SetString(PyExc_ValueError, "an address must be an (ip, port) tuple");
        return -1;
    }
    if (parse_ip(PyTuple_GET_ITEM(pair, 0), out) < 0)
        return -1;
    long port = PyLong_Check(PyTuple_GET_ITEM(pair, 1)) ? PyLong_AsLong(PyTuple_GET_ITEM(pair, 1))
                                                         : -1;
    if (port < 0 || port > 65535) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "a port must be an int in 0-65535");
        return -1;
    }
    out->port = htons((uint16_t)port);
    return 0;
}

static PyObject *format_address(const addr_t *a) {
    char text[INET6_ADDRSTRLEN];
    if (inet_ntop(a->family, a->ip, text, sizeof(text)) == NULL)
        return PyErr_SetFromErrno(PyExc_OSError);
    return Py_BuildValue("(si)", text, (int)ntohs(a->port));
}

/* --- allocation table maintenance -------------------------------------------------------- */

/* Stop reading relay socket `fd` (the lock is held). */
static void forget_relay(RelayCore *self, int fd) {
    epoll_ctl(self->epoll, EPOLL_CTL_DEL, fd, NULL);
    if (fd < self->by_fd_size)
        self->by_fd[fd] = NULL;
}

static void unregister(RelayCore *self, allocation_t *a) {
    for (int i = 0; i < a->relay_count; i++)
        forget_relay(self, a->relays[i].fd);
}

/* --- Python type ------------------------------------------------------------------------- */

static int add_to_epoll(int epoll, int fd, uint64_t key) {
    struct epoll_event event = {.events = EPOLLIN, .data.u64 = key};
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

static int RelayCore_init(RelayCore *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"listener_fd", "max_allocations", "max_message_size",
                               "request_rate", "request_burst", NULL};
    int listener;
    Py_ssize_t max_allocations, max_message_size;
    double request_rate = 0.0, request_burst = 0.0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "inn|$dd", keywords, &listener,
                                     &max_allocations, &max_message_size, &request_rate,
                                     &request_burst))
        return -1;
    if (!(request_rate >= 0 && request_rate <= 1e9 && request_burst >= 0 && request_burst <= 1e9)
        || (request_rate > 0 && request_burst < 1)) {
        PyErr_SetString(PyExc_ValueError,
                        "need 0 <= request_rate <= 1e9 and, with a rate, 1 <= request_burst <= 1e9");
        return -1;
    }
    if (self->buckets != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "RelayCore is already initialised");
        return -1;
    }
    if (listener < 0 || max_allocations < 1 || max_allocations > MAX_ALLOCATIONS
        || max_message_size < 20 || max_message_size > 65536) {
        PyErr_SetString(PyExc_ValueError,
                        "need listener_fd >= 0, 1 <= max_allocations <= 1048576 and "
                        "20 <= max_message_size <= 65536");
        return -1;
    }
    size_t buckets = 1;
    while (buckets < (size_t)max_allocations * 2)
        buckets <<= 1;
    self->buckets = PyMem_Calloc(buckets, sizeof(allocation_t *));
    self->buffers = PyMem_Malloc((size_t)RING * SLOT);
    if (self->buckets == NULL || self->buffers == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->bucket_mask = buckets - 1;
    self->listener = listener;
    self->max_allocations = max_allocations;
    self->max_message_size = max_message_size;
    self->gso = 1;
    self->random_used = sizeof(self->random_pool);
    self->request_rate = request_rate;
    self->request_burst = request_burst;
    for (int i = 0; i < RATE_SLOTS; i++)
        self->rate[i].tokens = request_burst; /* stamp 0: full until first used */
    random_bytes(self, (uint8_t *)&self->rate_key, sizeof self->rate_key);
    if (pthread_mutex_init(&self->lock, NULL) != 0) {
        PyErr_SetString(PyExc_OSError, "cannot create a mutex");
        return -1;
    }
    self->lock_ready = 1;
    self->epoll = epoll_create1(EPOLL_CLOEXEC);
    self->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    self->notify_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (self->epoll < 0 || self->stop_fd < 0 || self->notify_fd < 0
        || add_to_epoll(self->epoll, listener, (uint64_t)listener) < 0
        || add_to_epoll(self->epoll, self->stop_fd, STOP_KEY) < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    self->ready = 1;
    return 0;
}

/* Forks this process descends through, counted in each child (pthread_atfork). A core
 * belongs to the process that created it: a forked child's copy has no thread, a lock that
 * thread may hold for ever, and epoll and eventfd descriptors shared with the parent's core
 * (changing them, or writing stop_fd, would act on the parent's core). */
static unsigned long forks;

static void count_fork(void) {
    forks++;
}

static int forked(const RelayCore *self) {
    return self->forks != forks;
}

/* Stop and join the thread (it holds no Python state, so the GIL can stay held: the wait is
 * at most one batch and one coalescing time), then free the tables and close descriptors.
 * In a forked child only the child's copies are freed and closed: there is no thread to
 * join, and the lock is never taken. */
static void release(RelayCore *self) {
    if (self->running && !forked(self)) {
        uint64_t one = 1;
        while (write(self->stop_fd, &one, sizeof(one)) < 0 && errno == EINTR)
            ;
        pthread_join(self->thread, NULL);
    }
    self->running = 0;
    if (self->buckets != NULL) {
        for (size_t b = 0; b <= self->bucket_mask; b++) {
            allocation_t *a = self->buckets[b];
            while (a != NULL) {
                allocation_t *next = a->next;
                PyMem_Free(a);
                a = next;
            }
            self->buckets[b] = NULL;
        }
    }
    self->allocation_count = 0;
    /* the thread is joined: nothing queues any more, and Python never takes these */
    for (int k = 0; k < 2; k++) {
        up_queue_t *q = &self->up[k];
        self->drops[D_QUEUE_CLOSED] += (unsigned long long)q->count;
        for (; q->count > 0; q->count--, q->head = (q->head + 1) % UP_QUEUE)
            free(q->items[q->head].data);
    }
    PyMem_Free(self->by_fd);
    self->by_fd = NULL;
    self->by_fd_size = 0;
    int *fds[] = {&self->epoll, &self->stop_fd, &self->notify_fd};
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
        if (*fds[i] >= 0) {
            close(*fds[i]);
            *fds[i] = -1;
        }
}

static void RelayCore_dealloc(RelayCore *self) {
    release(self);
    if (self->lock_ready && !forked(self))
        pthread_mutex_destroy(&self->lock);
    PyMem_Free(self->buckets);
    PyMem_Free(self->buffers);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *RelayCore_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    RelayCore *self = (RelayCore *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->epoll = self->stop_fd = self->notify_fd = -1;
        self->forks = forks;
    }
    return (PyObject *)self;
}

static int check_own_process(RelayCore *self) {
    if (forked(self)) {
        PyErr_SetString(PyExc_RuntimeError,
                        "RelayCore was created before this process forked: it belongs to the "
                        "parent (create a new core in the child)");
        return -1;
    }
    return 0;
}

static int check_open(RelayCore *self) {
    if (check_own_process(self) < 0)
        return -1;
    if (self->epoll < 0 || !self->ready) {
        PyErr_SetString(PyExc_ValueError, "RelayCore is closed, or its __init__ failed");
        return -1;
    }
    return 0;
}

/* Parse the Python tables into `a` (relay families 0 and no owners yet); no lock held, as
 * parsing may run Python code. */
static int fill_allocation(allocation_t *a, PyObject *relays, PyObject *permissions,
                           PyObject *channels) {
    PyObject *r = PySequence_Fast(relays, "relay_fds must be a sequence");
    PyObject *p = r ? PySequence_Fast(permissions, "permissions must be a sequence") : NULL;
    PyObject *c = p ? PySequence_Fast(channels, "channels must be a sequence") : NULL;
    int result = -1;
    if (c == NULL)
        goto done;
    Py_ssize_t nr = PySequence_Fast_GET_SIZE(r), np = PySequence_Fast_GET_SIZE(p),
               nc = PySequence_Fast_GET_SIZE(c);
    if (nr < 1 || nr > 2) {
        PyErr_SetString(PyExc_ValueError, "one or two relay sockets");
        goto done;
    }
    if (np > MAX_PERMISSIONS || nc > MAX_CHANNELS) {
        PyErr_SetString(PyExc_OverflowError, "too many permissions or channels");
        goto done;
    }
    a->relay_count = (int)nr;
    for (Py_ssize_t i = 0; i < nr; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(r, i);
        long fd = PyLong_Check(item) ? PyLong_AsLong(item) : -1;
        if (fd < 0 || fd > INT32_MAX) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "a relay fd must be a bound UDP socket");
            goto done;
        }
        a->relays[i].fd = (int)fd;
        a->relays[i].family = 0;
    }
    a->permission_count = 0;
    for (Py_ssize_t i = 0; i < np; i++)
        if (parse_ip(PySequence_Fast_GET_ITEM(p, i), &a->permissions[a->permission_count++]) < 0)
            goto done;
    a->channel_count = 0;
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(c, i);
        channel_t *ch = &a->channels[a->channel_count];
        long number = -1;
        if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 2
            && PyLong_Check(PyTuple_GET_ITEM(item, 0)))
            number = PyLong_AsLong(PyTuple_GET_ITEM(item, 0));
        if (number < 0x4000 || number > 0x7FFE) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "a channel is (number 0x4000-0x7FFE, (ip, port))");
            goto done;
        }
        if (parse_address(PyTuple_GET_ITEM(item, 1), &ch->peer) < 0)
            goto done;
        ch->number = (uint16_t)number;
        ch->used = 0;
        a->channel_count++;
    }
    result = 0;
done:
    Py_XDECREF(r);
    Py_XDECREF(p);
    Py_XDECREF(c);
    return result;
}

/* With the lock held: the bandwidth bucket (`existing`'s while the rate stays, else full),
 * the relay families (from `existing` for descriptors it has, else asked of the kernel) and
 * the traffic marks of channels that stay bound. -1 if a descriptor is not a bound UDP
 * socket (no Python call here: the caller raises). */
static int complete_allocation(allocation_t *a, const allocation_t *existing) {
    if (existing != NULL && existing->rate == a->rate) {
        a->tokens = existing->tokens; /* the bucket carries over an update */
        a->tokens_at = existing->tokens_at;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        a->tokens = a->rate > MIN_BURST ? a->rate : MIN_BURST; /* full */
        a->tokens_at = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    }
    for (int i = 0; i < a->relay_count; i++) {
        int fd = a->relays[i].fd;
        for (int k = 0; existing != NULL && k < existing->relay_count; k++)
            if (existing->relays[k].fd == fd)
                a->relays[i].family = existing->relays[k].family;
        if (a->relays[i].family != 0)
            continue;
        struct sockaddr_storage sa;
        socklen_t sl = sizeof(sa);
        int type = 0;
        socklen_t tl = sizeof(type);
        if (getsockname(fd, (struct sockaddr *)&sa, &sl) < 0
            || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) < 0 || type != SOCK_DGRAM
            || (sa.ss_family != AF_INET && sa.ss_family != AF_INET6))
            return -1;
        a->relays[i].family = sa.ss_family;
    }
    for (int i = 0; i < a->channel_count; i++)
        for (int k = 0; existing != NULL && k < existing->channel_count; k++)
            if (existing->channels[k].number == a->channels[i].number
                && addr_equal(&existing->channels[k].peer, &a->channels[i].peer))
                a->channels[i].used = existing->channels[k].used;
    return 0;
}

static int same_relays(const allocation_t *a, const allocation_t *b) {
    if (a->relay_count != b->relay_count)
        return 0;
    for (int i = 0; i < a->relay_count; i++)
        if (a->relays[i].fd != b->relays[i].fd)
            return 0;
    return 1;
}

static int had_relay(const allocation_t *existing, int fd) {
    for (int k = 0; existing != NULL && k < existing->relay_count; k++)
        if (existing->relays[k].fd == fd)
            return 1;
    return 0;
}

/* With the lock held: make room in the descriptor table for `fd`; -1 without memory. */
static int reserve_fd(RelayCore *self, int fd) {
    if (fd < self->by_fd_size)
        return 0;
    int size = self->by_fd_size ? self->by_fd_size : 64;
    while (size <= fd)
        size *= 2;
    relay_t **grown = PyMem_Realloc(self->by_fd, (size_t)size * sizeof(relay_t *));
    if (grown == NULL)
        return -1;
    memset(grown + self->by_fd_size, 0, (size_t)(size - self->by_fd_size) * sizeof(relay_t *));
    self->by_fd = grown;
    self->by_fd_size = size;
    return 0;
}

/* With the lock held: add `a`'s relay sockets that `existing` did not have to epoll; on
 * failure undo and return -1 with errno set. */
static int register_relays(RelayCore *self, allocation_t *a, const allocation_t *existing) {
    for (int i = 0; i < a->relay_count; i++) {
        int fd = a->relays[i].fd;
        if (had_relay(existing, fd))
            continue;
        if (reserve_fd(self, fd) < 0) {
            errno = ENOMEM;
        } else if (add_to_epoll(self->epoll, fd, (uint64_t)fd) == 0) {
            continue;
        }
        int saved = errno;
        for (int k = 0; k < i; k++)
            if (!had_relay(existing, a->relays[k].fd))
                epoll_ctl(self->epoll, EPOLL_CTL_DEL, a->relays[k].fd, NULL);
        errno = saved;
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(set_allocation_doc,
"set_allocation(client, relay_fds, permissions, channels, *, bandwidth=0)\n--\n\n"
"Add or replace the allocation of UDP client address ``client`` ((ip, port)).");

static PyObject *RelayCore_set_allocation(RelayCore *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"client", "relay_fds", "permissions", "channels", "bandwidth",
                               NULL};
    PyObject *client_obj, *relays, *permissions, *channels;
    long long bandwidth = 0;
    if (check_open(self) < 0
        || !PyArg_ParseTupleAndKeywords(args, kwargs, "OOOO|$L", keywords, &client_obj, &relays,
                                        &permissions, &channels, &bandwidth))
        return NULL;
    if (bandwidth < 0 || bandwidth > (1LL << 40)) {
        PyErr_SetString(PyExc_ValueError, "bandwidth must be 0-2^40 bytes/s (0: unlimited)");
        return NULL;
    }
    addr_t client;
    if (parse_address(client_obj, &client) < 0)
        return NULL;
    allocation_t *a = PyMem_Malloc(sizeof(allocation_t));
    if (a == NULL)
        return PyErr_NoMemory();
    memset(a, 0, sizeof(*a));
    a->client = client;
    a->rate = (double)bandwidth;
    if (fill_allocation(a, relays, permissions, channels) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            pthread_mutex_lock(&self->lock);
            self->drops[D_TABLE_FULL]++;
            pthread_mutex_unlock(&self->lock);
        }
        PyMem_Free(a);
        return NULL;
    }
    pthread_mutex_lock(&self->lock);
    allocation_t **slot = find_slot(self, &client);
    allocation_t *existing = *slot;
    if (existing == NULL && self->allocation_count >= self->max_allocations) {
        self->drops[D_TABLE_FULL]++;
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        PyErr_SetString(PyExc_OverflowError, "the native allocation table is full");
        return NULL;
    }
    if (complete_allocation(a, existing) < 0) {
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        PyErr_SetString(PyExc_ValueError, "a relay fd must be a bound UDP socket");
        return NULL;
    }
    if (existing != NULL && same_relays(a, existing)) {
        /* the usual update (permissions or channels changed): in place, no system call */
        memcpy(existing->permissions, a->permissions, sizeof(a->permissions));
        existing->permission_count = a->permission_count;
        memcpy(existing->channels, a->channels, sizeof(a->channels));
        existing->channel_count = a->channel_count;
        if (existing->rate != a->rate) { /* a new limit starts full, as a new allocation */
            existing->rate = a->rate;
            existing->tokens = a->tokens;
            existing->tokens_at = a->tokens_at;
        }
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        Py_RETURN_NONE;
    }
    if (register_relays(self, a, existing) < 0) {
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    for (int k = 0; existing != NULL && k < existing->relay_count; k++)
        if (!had_relay(a, existing->relays[k].fd))
            forget_relay(self, existing->relays[k].fd);
    for (int i = 0; i < a->relay_count; i++) {
        a->relays[i].owner = a;
        self->by_fd[a->relays[i].fd] = &a->relays[i];
    }
    if (existing != NULL) {
        a->next = existing->next;
        *slot = a;
    } else {
        a->next = NULL;
        *slot = a;
        self->allocation_count++;
    }
    pthread_mutex_unlock(&self->lock);
    PyMem_Free(existing);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(remove_allocation_doc,
"remove_allocation(client)\n--\n\nForget ``client``'s allocation; True if it was known.");

static PyObject *RelayCore_remove_allocation(RelayCore *self, PyObject *client_obj) {
    addr_t client;
    if (check_open(self) < 0 || parse_address(client_obj, &client) < 0)
        return NULL;
    pthread_mutex_lock(&self->lock);
    allocation_t **slot = find_slot(self, &client);
    allocation_t *a = *slot;
    if (a != NULL) {
        unregister(self, a);
        *slot = a->next;
        self->allocation_count--;
    }
    pthread_mutex_unlock(&self->lock);
    if (a == NULL)
        Py_RETURN_FALSE;
    PyMem_Free(a);
    Py_RETURN_TRUE;
}

PyDoc_STRVAR(set_own_ports_doc,
"set_own_ports(ports)\n--\n\nPorts of the server's listeners; Send indications to them go to "
"Python.");

static PyObject *RelayCore_set_own_ports(RelayCore *self, PyObject *ports) {
    if (check_open(self) < 0)
        return NULL;
    PyObject *seq = PySequence_Fast(ports, "ports must be a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    uint16_t values[MAX_OWN_PORTS];
    if (n > MAX_OWN_PORTS) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_OverflowError, "too many listener ports");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        long port = PyLong_Check(item) ? PyLong_AsLong(item) : -1;
        if (port < 0 || port > 65535) {
            PyErr_Clear();
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "a port must be an int in 0-65535");
            return NULL;
        }
        values[i] = htons((uint16_t)port);
    }
    Py_DECREF(seq);
    pthread_mutex_lock(&self->lock);
    memcpy(self->own_ports, values, sizeof(values[0]) * (size_t)n);
    self->own_port_count = (int)n;
    pthread_mutex_unlock(&self->lock);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(start_doc,
"start(coalesce_us)\n--\n\nStart the relay thread; after a wake-up that read fewer than 16 "
"datagrams it sleeps ``coalesce_us`` (0-10000) microseconds.");

static PyObject *RelayCore_start(RelayCore *self, PyObject *arg) {
    if (check_open(self) < 0)
        return NULL;
    long coalesce_us = PyLong_Check(arg) ? PyLong_AsLong(arg) : -1;
    if (coalesce_us < 0 || coalesce_us > MAX_COALESCE_US) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "coalesce_us must be an int in 0-10000");
        return NULL;
    }
    if (self->running) {
        PyErr_SetString(PyExc_RuntimeError, "the relay thread is already running");
        return NULL;
    }
    self->coalesce_ns = coalesce_us * 1000;
    /* signals go to Python's threads, never to this one */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&self->thread, NULL, relay_thread, self);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    self->running = 1;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(poll_doc,
"poll()\n--\n\nThe listener datagrams queued for Python since the last call; never blocks.");

static PyObject *RelayCore_poll(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    uint64_t value;
    /* clear the wake-up first: a datagram queued after this read wakes Python again */
    if (read(self->notify_fd, &value, sizeof(value)) < 0 && errno != EAGAIN && errno != EINTR)
        return PyErr_SetFromErrno(PyExc_OSError);
    static __thread up_t taken[2 * UP_QUEUE]; /* 64 KiB: off the stack */
    int count = 0;
    pthread_mutex_lock(&self->lock);
    for (int k = 0; k < 2; k++) { /* UP_KNOWN first */
        up_queue_t *q = &self->up[k];
        for (int i = 0; i < q->count; i++)
            taken[count++] = q->items[(q->head + i) % UP_QUEUE];
        q->head = (q->head + q->count) % UP_QUEUE;
        q->count = 0;
    }
    self->notified = 0;
    pthread_mutex_unlock(&self->lock);
    PyObject *up = PyList_New(count);
    for (int i = 0; i < count; i++) {
        if (up != NULL) {
            PyObject *address = format_address(&taken[i].source);
            PyObject *item = address ? Py_BuildValue("(y#N)", (const char *)taken[i].data,
                                                     (Py_ssize_t)taken[i].len, address)
                                     : NULL;
            if (item == NULL)
                Py_CLEAR(up);
            else
                PyList_SET_ITEM(up, i, item);
        }
        free(taken[i].data);
    }
    return up;
}

PyDoc_STRVAR(take_channel_activity_doc,
"take_channel_activity()\n--\n\n(client, channel number) pairs with traffic since the last "
"call.");

static PyObject *RelayCore_take_channel_activity(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    /* copied out under the lock, turned into Python objects after it (which may run the
     * garbage collector, and so other Python threads) */
    pthread_mutex_lock(&self->lock);
    size_t count = 0;
    for (size_t b = 0; b <= self->bucket_mask; b++)
        for (allocation_t *a = self->buckets[b]; a != NULL; a = a->next)
            for (int i = 0; i < a->channel_count; i++)
                count += a->channels[i].used;
    channel_t *marks = malloc((count ? count : 1) * sizeof(channel_t));
    count = 0;
    for (size_t b = 0; marks != NULL && b <= self->bucket_mask; b++)
        for (allocation_t *a = self->buckets[b]; a != NULL; a = a->next)
            for (int i = 0; i < a->channel_count; i++)
                if (a->channels[i].used) {
                    a->channels[i].used = 0;
                    marks[count].number = a->channels[i].number;
                    marks[count++].peer = a->client; /* here: the client, not the peer */
                }
    pthread_mutex_unlock(&self->lock);
    if (marks == NULL)
        return PyErr_NoMemory();
    PyObject *result = PyList_New((Py_ssize_t)count);
    for (size_t i = 0; result != NULL && i < count; i++) {
        PyObject *client = format_address(&marks[i].peer);
        PyObject *item = client ? Py_BuildValue("(Ni)", client, marks[i].number) : NULL;
        if (item == NULL)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, (Py_ssize_t)i, item);
    }
    free(marks);
    return result;
}

PyDoc_STRVAR(counters_doc, "counters()\n--\n\nMonotonic counts since creation.");

static PyObject *RelayCore_counters(RelayCore *self, PyObject *unused) {
    unsigned long long drops[D_COUNT], totals[7];
    Py_ssize_t allocations;
    if (check_own_process(self) < 0)
        return NULL;
    if (self->lock_ready)
        pthread_mutex_lock(&self->lock);
    memcpy(drops, self->drops, sizeof(drops));
    unsigned long long copied[7] = {self->to_peer_packets, self->to_peer_bytes,
                                    self->to_client_packets, self->to_client_bytes,
                                    self->returned, self->gso_messages, self->gso_refused};
    memcpy(totals, copied, sizeof(totals));
    allocations = self->allocation_count;
    if (self->lock_ready)
        pthread_mutex_unlock(&self->lock);
    PyObject *by_reason = PyDict_New();
    if (by_reason == NULL)
        return NULL;
    for (int i = 0; i < D_COUNT; i++) {
        PyObject *value = PyLong_FromUnsignedLongLong(drops[i]);
        if (value == NULL || PyDict_SetItemString(by_reason, DROP_NAMES[i], value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(by_reason);
            return NULL;
        }
        Py_DECREF(value);
    }
    return Py_BuildValue("{sKsKsKsKsKsKsKsnsN}", "to_peer_packets", totals[0], "to_peer_bytes",
                         totals[1], "to_client_packets", totals[2], "to_client_bytes", totals[3],
                         "returned", totals[4], "gso_messages", totals[5], "gso_refused",
                         totals[6], "allocations", allocations, "drops", by_reason);
}

PyDoc_STRVAR(fileno_doc,
"fileno()\n--\n\nAn eventfd, readable when poll() has datagrams for Python.");

static PyObject *RelayCore_fileno(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    return PyLong_FromLong(self->notify_fd);
}

PyDoc_STRVAR(close_doc,
"close()\n--\n\nJoin the relay thread, forget every allocation, drop the datagrams still "
"queued for Python (counted as native_queue_closed) and close the descriptors (in a forked "
"child: only the child's copies).");

static PyObject *RelayCore_close(RelayCore *self, PyObject *unused) {
    release(self);
    Py_RETURN_NONE;
}

static PyMethodDef RelayCore_methods[] = {
    {"set_allocation", (PyCFunction)(void (*)(void))RelayCore_set_allocation,
     METH_VARARGS | METH_KEYWORDS, set_allocation_doc},
    {"remove_allocation", (PyCFunction)RelayCore_remove_allocation, METH_O,
     remove_allocation_doc},
    {"set_own_ports", (PyCFunction)RelayCore_set_own_ports, METH_O, set_own_ports_doc},
    {"start", (PyCFunction)RelayCore_start, METH_O, start_doc},
    {"poll", (PyCFunction)RelayCore_poll, METH_NOARGS, poll_doc},
    {"take_channel_activity", (PyCFunction)RelayCore_take_channel_activity, METH_NOARGS,
     take_channel_activity_doc},
    {"counters", (PyCFunction)RelayCore_counters, METH_NOARGS, counters_doc},
    {"fileno", (PyCFunction)RelayCore_fileno, METH_NOARGS, fileno_doc},
    {"close", (PyCFunction)RelayCore_close, METH_NOARGS, close_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject RelayCoreType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "turn._relaycore.RelayCore",
    .tp_basicsize = sizeof(RelayCore),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = PyDoc_STR("RelayCore(listener_fd, max_allocations, max_message_size, *, "
                        "request_rate=0.0, request_burst=0.0)"),
    .tp_new = RelayCore_new,
    .tp_init = (initproc)RelayCore_init,
    .tp_dealloc = (destructor)RelayCore_dealloc,
    .tp_methods = RelayCore_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_relaycore",
    .m_doc = "Native TURN relay core (see turn/_relaycore.pyi).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__relaycore(void) {
    static int fork_handler;
    if (!fork_handler) {
        int err = pthread_atfork(NULL, NULL, count_fork);
        if (err != 0) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        fork_handler = 1;
    }
    if (PyType_Ready(&RelayCoreType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&RelayCoreType);
    if (PyModule_AddObject(m, "RelayCore", (PyObject *)&RelayCoreType) < 0) {
        Py_DECREF(&RelayCoreType);
        Py_DECREF(m);
        return NULL;
    }
    PyModule_AddIntConstant(m, "BATCH", BATCH);
    PyModule_AddIntConstant(m, "MAX_PERMISSIONS", MAX_PERMISSIONS);
    PyModule_AddIntConstant(m, "MAX_CHANNELS", MAX_CHANNELS);
    PyModule_AddIntConstant(m, "UP_QUEUE", UP_QUEUE);
    PyModule_AddIntConstant(m, "MAX_COALESCE_US", MAX_COALESCE_US);
    return m;
}
