"""Change notices between replicas (and later between the worker processes of one
broker), and the watch hub that pushes new versions to WatchSecret streams.

bus.py is the seam: a ChangeNotice says that a name changed, a ChangeBus carries notices
to listeners in this process and, through a transport, to its peers (postgres.py:
LISTEN/NOTIFY). replicator.py applies notices to the cache and the hub and resyncs when
a transport lost some; hub.py serves the watchers.
"""
