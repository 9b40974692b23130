"""Candidates: word shingles, MinHash signatures and LSH banding for fast reuse search."""

from wiretrace.candidates.lsh import MinhashLSHIndex
from wiretrace.candidates.minhash import MinhashSignature, containment, shingles

__all__ = ["MinhashLSHIndex", "MinhashSignature", "containment", "shingles"]
