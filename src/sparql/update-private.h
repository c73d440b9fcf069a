/* update-private.h — a parsed SPARQL Update request (internal to
 * src/sparql): update-parse.c builds it, update.c applies it. */
#ifndef NG_SPARQL_UPDATE_PRIVATE_H
#define NG_SPARQL_UPDATE_PRIVATE_H

#include "eval.h"

typedef enum { NG_UPDATE_NOOP, NG_UPDATE_PARSED } NgUpdateOpKind;

typedef struct {
  NgUpdateOpKind kind;
  NgSparqlQuery *q;            /* the operation alone */
  NgSparqlQuery *q_insert;     /* the INSERT templates of a DELETE/INSERT */
  gboolean drop;               /* DROP (parsed as CLEAR) */
  gboolean data;               /* INSERT DATA / DELETE DATA */
  gboolean silent;             /* SILENT (Rasqal sets its flag on every CREATE) */
  char *with;                  /* WITH graph, NULL when none */
  GPtrArray *using_default;    /* USING graphs (char*) */
  GPtrArray *using_named;      /* USING NAMED graphs (char*) */
  gboolean has_using;
} NgUpdateOp;

struct NgSparqlUpdate {
  librdf_world *world;
  GPtrArray *ops;              /* NgUpdateOp* */
  gboolean used;
};

void ng_update_op_free (NgUpdateOp *o);

#endif
