/*
 * anki_proto.h - the little of protocol buffers a schema 18 collection
 * needs: a varint field and a string field of a message's top level (the
 * kind of a note type, the front and back of a template).  Malformed
 * input gives the default (0, ""), never a read past n bytes.
 */
#ifndef REHEARSE_ANKI_PROTO_H
#define REHEARSE_ANKI_PROTO_H

#include <stddef.h>
#include <stdint.h>

/* The last value of varint field number field in msg[0, n); 0 if none. */
uint64_t anki_proto_varint(const void *msg, size_t n, unsigned field);
/* The last string of field number field, allocated; "" when none. */
char *anki_proto_string(const void *msg, size_t n, unsigned field);

#endif
