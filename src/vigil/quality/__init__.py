"""Trust in the machine on the organisation's own material: reviewed reports as gold
records (``gold``) and extraction measured against them (``measure``)."""
