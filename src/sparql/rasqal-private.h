/* rasqal-private.h — the parts of Rasqal 0.9.33's private structures that
 * nieuwsgraaf reads.
 *
 * Rasqal's public API exposes a graph pattern's operator, triples, sub-
 * patterns and filter, but not the projection and modifiers of a sub-SELECT,
 * nor the rows of a VALUES block.  The evaluator needs them, so the layouts
 * are mirrored here from rasqal_internal.h of exactly 0.9.33 (Debian 12);
 * ng_sparql_query_new() refuses any other Rasqal version at run time
 * rather than read memory of a different shape. */
#ifndef NG_SPARQL_RASQAL_PRIVATE_H
#define NG_SPARQL_RASQAL_PRIVATE_H

#include <rasqal.h>

typedef struct {
  rasqal_query *query;
  raptor_sequence *variables;
  unsigned int wildcard : 1;
  int distinct;
} ng_rasqal_projection;

typedef struct {
  rasqal_query *query;
  raptor_sequence *order_conditions;
  raptor_sequence *group_conditions;
  raptor_sequence *having_conditions;
  int limit;
  int offset;
} ng_rasqal_modifier;

typedef struct {
  int usage;
  rasqal_query *query;
  raptor_sequence *variables;
  raptor_sequence *rows;
} ng_rasqal_bindings;

typedef struct {
  rasqal_query *query;
  rasqal_graph_pattern_operator op;
  raptor_sequence *triples;
  raptor_sequence *graph_patterns;
  int start_column;
  int end_column;
  rasqal_expression *filter_expression;
  int gp_index;
  rasqal_literal *origin;
  rasqal_variable *var;
  ng_rasqal_projection *projection;
  ng_rasqal_modifier *modifier;
  unsigned int silent : 1;
  raptor_sequence *data_graphs;
  ng_rasqal_bindings *bindings;
} ng_rasqal_graph_pattern;

typedef struct {
  int usage;
  void *rowsource;
  int offset;
  int size;
  rasqal_literal **values;
  int order_size;
  rasqal_literal **order_values;
  int group_id;
  unsigned int flags;
} ng_rasqal_row;

#define NG_GP(gp) ((ng_rasqal_graph_pattern *) (gp))
#define NG_ROW(r) ((ng_rasqal_row *) (r))

#endif
