"""Screens of referrals: refer, check what is shared and send, follow the feedback;
the receiver's inbox and the steps they take.

The authorization matrix lets the roles in; ``queries`` decides per referral and per
side (404 for another municipality, 403 when it is not the user's). The receiver's
pages show only the snapshot of shared data. Every page that shows a referral records
the read in the access log.
One module per screen family (refer, detail, lists); ``referrals.urls`` names them.
"""
