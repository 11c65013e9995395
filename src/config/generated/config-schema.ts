// Generated from schemas/config.schema.json by scripts/generate-validators.mjs (npm run build): do not edit.
/** The configuration schema's JSON, read as a type (JSON is TypeScript type syntax). */
export type ConfigSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "index-audit configuration",
  "description": "index-audit.json, .index-audit.json, or [tool.index-audit] in pyproject.toml. Paths are relative to the file's directory.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "migrations": {
      "description": "Migration files (globs), read in path order: a list, or one glob.",
      "oneOf": [
        {
          "type": "string",
          "minLength": 1
        },
        {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "minItems": 1
        }
      ]
    },
    "sources": {
      "description": "Migration sources: hand-written modules (read first, in path order), then the others in the order listed. Several may be combined.",
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": [
          "kind"
        ],
        "properties": {
          "kind": {
            "enum": [
              "module",
              "alembic",
              "sql",
              "django"
            ]
          }
        },
        "allOf": [
          {
            "if": {
              "type": "object",
              "required": [
                "kind"
              ],
              "properties": {
                "kind": {
                  "const": "module"
                }
              }
            },
            "then": {
              "$ref": "#/definitions/moduleSource"
            }
          },
          {
            "if": {
              "type": "object",
              "required": [
                "kind"
              ],
              "properties": {
                "kind": {
                  "const": "alembic"
                }
              }
            },
            "then": {
              "$ref": "#/definitions/alembicSource"
            }
          },
          {
            "if": {
              "type": "object",
              "required": [
                "kind"
              ],
              "properties": {
                "kind": {
                  "const": "sql"
                }
              }
            },
            "then": {
              "$ref": "#/definitions/sqlSource"
            }
          },
          {
            "if": {
              "type": "object",
              "required": [
                "kind"
              ],
              "properties": {
                "kind": {
                  "const": "django"
                }
              }
            },
            "then": {
              "$ref": "#/definitions/djangoSource"
            }
          }
        ]
      }
    },
    "registry": {
      "description": "The index registry: a path (a Python module, or a .sql file of CREATE INDEX CONCURRENTLY IF NOT EXISTS statements), or an object with the path and the variable holding the entries.",
      "oneOf": [
        {
          "type": "string",
          "minLength": 1
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "path"
          ],
          "properties": {
            "path": {
              "type": "string",
              "minLength": 1
            },
            "variable": {
              "type": "string",
              "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
            },
            "format": {
              "enum": [
                "python",
                "sql"
              ]
            }
          }
        }
      ]
    },
    "executors": {
      "description": "Extra calls whose first argument is SQL (e.g. a project helper such as exec_index).",
      "type": "array",
      "items": {
        "type": "string",
        "pattern": "^[A-Za-z_][A-Za-z0-9_.]*$"
      }
    },
    "functional": {
      "description": "Index names classified functional (kept in migrations), with the reason.",
      "$ref": "#/definitions/overrides"
    },
    "performance": {
      "description": "Index names classified performance (belong in the registry), with the reason.",
      "$ref": "#/definitions/overrides"
    },
    "domains": {
      "description": "Report grouping: domain name to table globs.",
      "type": "object",
      "additionalProperties": {
        "oneOf": [
          {
            "type": "string",
            "minLength": 1
          },
          {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1
            },
            "minItems": 1
          }
        ]
      }
    },
    "rules": {
      "description": "Severity per rule, or [severity, options].",
      "type": "object",
      "propertyNames": {
        "enum": [
          "alembic-revision-graph",
          "concurrently-in-transaction",
          "db-definition-drift",
          "db-duplicate-index",
          "db-index-invalid",
          "db-index-missing",
          "db-index-undeclared",
          "db-unused-index",
          "drop-index-not-concurrent",
          "duplicate-index-name",
          "dynamic-index-sql",
          "identifier-too-long",
          "index-in-both-places",
          "index-missing",
          "index-not-concurrent",
          "invalid-sql",
          "non-idempotent-migration-index",
          "performance-index-in-migration",
          "python-syntax-error",
          "redundant-index",
          "registry-entry-mismatch",
          "registry-not-concurrent",
          "registry-not-if-not-exists",
          "unique-index-in-registry",
          "unrunnable-migration",
          "unused-suppression"
        ]
      },
      "additionalProperties": {
        "oneOf": [
          {
            "$ref": "#/definitions/severity"
          },
          {
            "type": "array",
            "items": [
              {
                "$ref": "#/definitions/severity"
              },
              {
                "type": "object"
              }
            ],
            "minItems": 1,
            "maxItems": 2
          }
        ]
      }
    },
    "baseline": {
      "description": "Baseline file of accepted findings (default .index-audit-baseline.json).",
      "type": "string",
      "minLength": 1
    },
    "database": {
      "description": "index-audit db: where the database URL comes from.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "urlEnv": {
          "description": "Environment variable holding the database URL (default DATABASE_URL).",
          "type": "string",
          "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
        }
      }
    }
  },
  "definitions": {
    "moduleSource": {
      "description": "Hand-written migration modules (globs), read in path order: the same as `migrations`.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "paths"
      ],
      "properties": {
        "kind": {
          "const": "module"
        },
        "paths": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "minItems": 1
        }
      }
    },
    "alembicSource": {
      "description": "An Alembic versions directory; env.py beside it is read for the naming convention.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "directory"
      ],
      "properties": {
        "kind": {
          "const": "alembic"
        },
        "directory": {
          "description": "The versions directory, or several (version_locations): one revision graph across them.",
          "oneOf": [
            {
              "type": "string",
              "minLength": 1
            },
            {
              "type": "array",
              "items": {
                "type": "string",
                "minLength": 1
              },
              "minItems": 1
            }
          ]
        },
        "env": {
          "description": "env.py, when it is not beside the versions directory.",
          "type": "string",
          "minLength": 1
        },
        "recursive": {
          "description": "Revisions in subdirectories too (recursive_version_locations).",
          "type": "boolean"
        },
        "config": {
          "description": "Alembic's configuration file, when it is not alembic.ini at the project root (one below it, or a pyproject.toml with [tool.alembic]): read for prepend_sys_path, whose paths are taken from its directory.",
          "type": "string",
          "minLength": 1
        }
      }
    },
    "sqlSource": {
      "description": ".sql migration files (globs): Flyway, golang-migrate, dbmate, sqitch deploy scripts, or plain files in natural order.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "paths"
      ],
      "properties": {
        "kind": {
          "const": "sql"
        },
        "paths": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "minItems": 1
        }
      }
    },
    "djangoSource": {
      "description": "Django migrations: the apps' migration modules (globs, e.g. \"shop/*/migrations/*.py\"), read statically and applied in the dependency graph's order.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "paths"
      ],
      "properties": {
        "kind": {
          "const": "django"
        },
        "paths": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "minItems": 1
        },
        "authUserModel": {
          "description": "settings.AUTH_USER_MODEL (\"app_label.ModelName\"); default: read from `settings`, else auth.User.",
          "type": "string",
          "pattern": "^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"
        },
        "settings": {
          "description": "The settings module's file, read for AUTH_USER_MODEL.",
          "type": "string",
          "minLength": 1
        }
      }
    },
    "severity": {
      "enum": [
        "error",
        "warn",
        "warning",
        "off"
      ]
    },
    "overrides": {
      "oneOf": [
        {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          }
        },
        {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        }
      ]
    }
  }
};
