"""Stories: per-article features and incremental clustering of articles into stories."""

from wiretrace.stories.cluster import Assignment, StoryClusterer, index_fingerprint
from wiretrace.stories.features import ArticleFeatures, Featurizer

__all__ = ["ArticleFeatures", "Assignment", "Featurizer", "StoryClusterer", "index_fingerprint"]
