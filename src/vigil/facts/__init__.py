"""The facts Vigil records, declared as data (``facts.yaml``): kinds, fields, types and
allowed values; validation of every edit and the API's shapes are derived from it."""
