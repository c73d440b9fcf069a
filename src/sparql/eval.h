/* eval.h — shared state of one query evaluation (internal to src/sparql). */
#ifndef NG_SPARQL_EVAL_H
#define NG_SPARQL_EVAL_H

#include <glib.h>
#include <redland.h>
#include <rasqal.h>

#include "nieuwsgraaf/sparql.h"
#include "rasqal-private.h"
#include "../rdf-util.h"

/* A solution: one value per variable slot, NULL when unbound.  Values are
 * owned references. */
typedef struct {
  guint n;
  rasqal_literal *v[];
} NgRow;

/* A parsed query.  Rasqal 0.9.33 does not parse EXISTS, so each
 * FILTER (NOT) EXISTS { P } is cut out of the text before Rasqal sees it,
 * parsed as SELECT * { P } of its own (in EXISTS), and replaced by
 * BOUND(?__ng_exists_N): Rasqal folds calls of unknown functions into
 * constants at parse time, but keeps BOUND of a variable. */
struct NgSparqlQuery {
  librdf_world *world;
  rasqal_query *rq;
  GPtrArray *exists;           /* NgSparqlQuery* */
  GPtrArray *filters;          /* NgSparqlQuery*: SELECT * { FILTER(…) } */
  GPtrArray *paths;            /* NgPath*: property paths, by marker number */
  char *base;                  /* base IRI, after the query's BASE */
  guint max_solutions;         /* 0: NG_SPARQL_MAX_SOLUTIONS */
  gboolean used;
};
#define NG_EXISTS_VAR "__ng_exists_"
#define NG_FILTER_MARK "urn:nieuwsgraaf:filter#"
#define NG_FILTER_VAR "__ng_filter_"
#define NG_FILTER_PAD "__ng_filterpad_"
#define NG_PATH_MARK "urn:nieuwsgraaf:path#"
typedef struct NgPath NgPath;

struct NgSparqlResults {
  NgSparqlForm form;
  GPtrArray *names;        /* char* */
  GPtrArray *rows;         /* NgRow*, one value per name */
  gboolean boolean;
  gboolean ordered;
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *graph;
};

typedef struct NgEval NgEval;
struct NgEval {
  librdf_world *world;
  rasqal_world *rw;
  rasqal_query *query;
  rasqal_evaluation_context *ec;
  const NgSparqlDataset *ds;
  guint width;                 /* slots */
  guint n_named;               /* named variables come first */
  GPtrArray *slot_vars;        /* rasqal_variable* per slot, borrowed */
  GHashTable *var_slots;       /* rasqal_variable* -> slot + 1 */
  librdf_node *graph;          /* active graph; NULL: the default graph */
  librdf_model *default_model; /* after FROM */
  librdf_model *named_model;   /* after FROM NAMED */
  GPtrArray *owned_models;
  NgSparqlQuery *q;            /* borrowed */
  GPtrArray *exists_evals;     /* NgEval* per EXISTS pattern, lazily */
  GPtrArray *filter_evals;     /* NgEval* per cut-out FILTER, lazily */
  NgEval *outer;               /* the evaluation an EXISTS/FILTER one serves */
  guint *outer_map;            /* outer slot -> own slot (G_MAXUINT: none) */
  const NgRow *outer_row;      /* while a cut-out FILTER is tested */
  GHashTable *agg_slots;       /* aggregate rasqal_expression* -> slot+1 */
  gint64 deadline;
  volatile gint *cancel;
  guint max_solutions;         /* 0: NG_SPARQL_MAX_SOLUTIONS */
  guint ticks;
  GError *error;               /* the first fatal error */
  guint bnode_counter;
  GHashTable *regex_cache;     /* flags \x01 pattern -> GRegex */
  const NgRow *gen_row;        /* BNODE(str) scope: the current solution */
  guint row_gen;
};

/* text scanning (engine.c), shared with the update splitter (update.c) */
/* The position after the string, IRI or comment at P; P when none is there. */
const char *ng_sparql_skip_token (const char *p);
gboolean ng_sparql_word_char (char c);
/* The end of the balanced '(' or '{' group opening at P, or NULL. */
const char *ng_sparql_balanced_end (const char *p);
/* Copies TEXT, calling CUT at every whole word WORD outside strings, IRIs
 * and comments: CUT appends a replacement to OUT and returns where the
 * copy goes on, or NULL to keep the word; it may keep what it cuts in
 * PARTS.  The newlines of what is cut are kept, so that positions in
 * Rasqal's messages stay those of TEXT.  A new string. */
typedef const char *(*NgCutFunc) (GString *out, const char *p, GPtrArray *parts);
char *ng_sparql_cut_keyword (const char *text, const char *word, NgCutFunc cut,
                             GPtrArray *parts);
/* The PREFIX and BASE declarations of TEXT (a new string). */
char *ng_sparql_declarations (const char *text);
/* As ng_sparql_query_new, in Rasqal's LANGUAGE ("sparql11-update"). */
NgSparqlQuery *ng_sparql_parse (librdf_world *world, const char *text,
                                const char *prologue, const char *base,
                                const char *language, GError **error);

/* rows */
NgRow *ng_row_new (guint n);
NgRow *ng_row_copy (const NgRow *row);
void ng_row_free (NgRow *row);
GPtrArray *ng_bag_new (void);
void ng_row_set (NgRow *row, guint slot, rasqal_literal *take);
/* Merges B into a copy of A when compatible; NULL otherwise. */
NgRow *ng_row_merge (const NgRow *a, const NgRow *b);
gboolean ng_row_compatible (const NgRow *a, const NgRow *b);

guint ng_eval_slot (NgEval *ev, rasqal_variable *v);
rasqal_variable *ng_eval_var_of (rasqal_literal *l); /* NULL if constant */
/* FALSE (and ev->error set) when the deadline passed or a fatal error
 * occurred; evaluation loops poll it. */
gboolean ng_eval_alive (NgEval *ev);
void ng_eval_fail (NgEval *ev, int code, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* terms (term.c) */
rasqal_literal *ng_term_from_node (NgEval *ev, librdf_node *node);
librdf_node *ng_term_to_node (NgEval *ev, rasqal_literal *l);
void ng_term_key (GString *out, rasqal_literal *l);
gboolean ng_term_same (rasqal_literal *a, rasqal_literal *b);
int ng_term_order (rasqal_literal *a, rasqal_literal *b);
/* Effective boolean value: 1, 0, or -1 for a type error. */
int ng_term_ebv (rasqal_literal *l);
gboolean ng_term_is_numeric (rasqal_literal *l);

/* expressions (expr.c): a new reference or NULL for an error/unbound. */
rasqal_literal *ng_expr_eval (NgEval *ev, rasqal_expression *e, const NgRow *row);
gboolean ng_expr_true (NgEval *ev, rasqal_expression *e, const NgRow *row);
gboolean ng_expr_has_aggregate (rasqal_expression *e);
gboolean ng_expr_is_aggregate_op (rasqal_op op);

/* functions evaluated here (builtins.c); NULL for a type error */
gboolean ng_builtin_is_string (rasqal_literal *l);
rasqal_literal *ng_builtin_cast (NgEval *ev, raptor_uri *to, rasqal_literal *v,
                                 gboolean *handled);
rasqal_literal *ng_builtin_regex (NgEval *ev, rasqal_literal *text,
                                  rasqal_literal *pat, rasqal_literal *flags);
rasqal_literal *ng_builtin_replace (NgEval *ev, rasqal_literal *text,
                                    rasqal_literal *pat, rasqal_literal *rep,
                                    rasqal_literal *flags);
rasqal_literal *ng_builtin_substr (NgEval *ev, rasqal_literal *text,
                                   rasqal_literal *start, rasqal_literal *len);
rasqal_literal *ng_builtin_strlen (NgEval *ev, rasqal_literal *text);
rasqal_literal *ng_builtin_bnode (NgEval *ev, rasqal_literal *str, guint row_gen);

/* property paths (paths.c): TEXT with every path in verb position replaced
 * by the marker <urn:nieuwsgraaf:path#N>, the parsed paths appended to
 * PATHS; the paths of a marker predicate matched under ROW into OUT. */
char *ng_paths_rewrite (librdf_world *world, const char *text, const char *base,
                        GPtrArray *paths);
gboolean ng_path_mark (rasqal_literal *l, guint *index);
void ng_path_match (NgEval *ev, guint index, rasqal_triple *t, const NgRow *row,
                    GPtrArray *out);
void ng_path_free (NgPath *p);

/* patterns (pattern.c): the node at a triple pattern's position L under
 * ROW (NULL with *ANY set for an unbound variable); binding a pattern
 * position's variable in R (FALSE when R holds another value there). */
/* The model of the active graph (the default graph, or the named graphs
 * while GRAPH sets ev->graph), and the statements of it matching PATTERN. */
librdf_model *ng_eval_active_model (NgEval *ev);
librdf_stream *ng_eval_find (NgEval *ev, librdf_statement *pattern);
librdf_node *ng_pattern_node (NgEval *ev, rasqal_literal *l, const NgRow *row,
                              gboolean *any);
gboolean ng_pattern_bind (NgEval *ev, NgRow *r, rasqal_literal *pat, librdf_node *value);
/* patterns (pattern.c): the solutions of GP; a new bag. */
GPtrArray *ng_eval_pattern (NgEval *ev, rasqal_graph_pattern *gp);
/* Rows of a VALUES block as a new bag. */
GPtrArray *ng_eval_values (NgEval *ev, ng_rasqal_bindings *b);
GPtrArray *ng_bag_join (NgEval *ev, GPtrArray *a, GPtrArray *b);

/* bags (bag.c); the bags given are consumed.  Conditions are
 * rasqal_expression pointers, or NG_FILTER_COND (N) for cut-out FILTER N. */
#define NG_FILTER_COND(n) GUINT_TO_POINTER (((guint) (n) << 1) | 1)
GPtrArray *ng_bag_unit (NgEval *ev);
gboolean ng_bag_all_true (NgEval *ev, GPtrArray *conds, const NgRow *row);
GPtrArray *ng_bag_left_join (NgEval *ev, GPtrArray *a, GPtrArray *b, GPtrArray *conds);
GPtrArray *ng_bag_minus (NgEval *ev, GPtrArray *a, GPtrArray *b);
GPtrArray *ng_bag_filter (NgEval *ev, GPtrArray *bag, GPtrArray *conds);
/* FALSE (and the evaluation stopped) when BAG has grown past the limit. */
gboolean ng_bag_within_limit (NgEval *ev, GPtrArray *bag);

/* solution modifiers (solve.c): projection, grouping, aggregates, order,
 * distinct, slice of BAG (consumed) into a new bag; *VARS receives the
 * projected variables (borrowed). */
GPtrArray *ng_eval_solve (NgEval *ev, rasqal_graph_pattern *where,
                          raptor_sequence *projection, gboolean wildcard,
                          int distinct, raptor_sequence *order,
                          raptor_sequence *group, raptor_sequence *having,
                          int limit, int offset, ng_rasqal_bindings *values,
                          GPtrArray **vars);
/* EXISTS: whether pattern N has a solution compatible with ROW. */
gboolean ng_eval_exists (NgEval *ev, guint n, const NgRow *row);
/* Whether cut-out FILTER N holds for ROW. */
gboolean ng_eval_filter (NgEval *ev, guint n, const NgRow *row);
/* Index N of the variable of a FILTER marker BIND, or -1. */
int ng_eval_filter_mark (rasqal_variable *v);
/* Sets up EV for Q over DS (FROM/FROM NAMED applied); FALSE with ev->error
 * set on failure.  ng_eval_clear frees what it holds. */
gboolean ng_eval_init (NgEval *ev, NgSparqlQuery *q, const NgSparqlDataset *ds);
void ng_eval_clear (NgEval *ev);
/* Solutions of a group starting from the solutions SEED (consumed). */
GPtrArray *ng_eval_group_from (NgEval *ev, rasqal_graph_pattern *gp, GPtrArray *seed);

#endif
