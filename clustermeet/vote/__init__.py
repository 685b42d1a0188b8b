"""The vote and the award: read the poll reports and form exports, check who may vote, count, announce."""
