"""The mentoring JSON API: the same rules, services and mentor view as the pages.

A mentor's responses about a youth come from `rules.youth_for_mentor` only.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.schema import building_schema
from entrepairs.core.audit import record_access
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.api.placements import PlacementHistorySerializer, history_data
from entrepairs.people.models import Person
from entrepairs.people.placements import current_placements_prefetch, history_of

from .. import family, lifecycle, services
from ..checkin_links import UnknownLink, checkin_for_link, checkin_link_send
from ..models import (
    CheckIn,
    Match,
    MatchingRun,
    Mentor,
    Programme,
    Proposal,
    SafeguardingReview,
    SharingAgreement,
    Transfer,
    Unmatched,
    Youth,
)
from ..reports import programme_report
from ..rules import (
    MatchRights,
    agreement_purposes,
    can_screen_mentor,
    checkin_rights,
    match_rights,
    match_role,
    youths_shown,
)
from ..selectors import (
    agreements_visible_to,
    audit_unseen_youth,
    get_open_programme,
    get_programme_for,
    match_checkins,
    match_contacts,
    match_queryset,
    mentors_visible_to,
    notes_for,
    programmes_visible_to,
    proposals_visible_to,
    runs_visible_to,
    transfer_agencies,
    transfer_summary,
    transfers_for,
    youths_visible_to,
)
from . import serializers as s


def _actor(request: Any) -> Person | None:
    viewer = viewer_for(request.user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Mentoring programmes: staff create and configure them (weights, closure reasons...)."""

    serializer_class = s.ProgrammeSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = Programme.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Programme.objects.none()
        return (
            programmes_visible_to(self.request.user)
            .prefetch_related("required_trainings")
            .order_by("name", "id")
        )

    def _save(self, serializer: Any, programme: Programme) -> None:
        data = dict(serializer.validated_data)
        trainings = data.pop("required_trainings", None)
        for key, value in data.items():
            setattr(programme, key, value)
        serializer.instance = services.programme_save(
            by=_actor(self.request), programme=programme, required_trainings=trainings
        )

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer, Programme())

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def report(self, request: Any, pk: Any = None) -> Response:
        """Aggregates only: no youth's identity."""
        programme = get_programme_for(request.user, pk, "mentoring.view_reports")
        return Response(programme_report(programme, timezone.localdate()))


class ApplyView(APIView):
    """The public application form (no account needed)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        request=s.ApplicationSerializer, responses={201: s.ApplicationReceiptSerializer}, auth=[]
    )
    def post(self, request: Any, pk: Any) -> Response:
        programme = get_open_programme(pk)
        data = s.ApplicationSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        mentor = services.mentor_apply(programme=programme, **data.validated_data)
        return Response(
            {"id": str(mentor.pk), "status": mentor.status}, status=status.HTTP_201_CREATED
        )


class MentorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Mentors and the screening pipeline: staff record steps, trainings, flags and decisions."""

    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = Mentor.objects.none()
    filterset_fields = ["programme", "status", "mode"]
    # Visibility only: screening, flag and decide are refused by the services with their message
    # (as on the page); training_record checks who records it.
    permission_action = dict.fromkeys(("screening", "training", "flag", "decide"), "view")

    def get_serializer_class(self) -> Any:
        return s.MentorListSerializer if self.action == "list" else s.MentorSerializer

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Mentor.objects.none()
        return (
            mentors_visible_to(self.request.user)
            .select_related("person", "programme")
            .prefetch_related("screening_steps")
            .order_by("-applied_at", "id")
        )

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        mentor = self.get_object()
        record_access(mentor)
        data = s.MentorSerializer(mentor).data
        if not can_screen_mentor(viewer_for(request.user), mentor):
            # A mentor reading their own record: staff's screening notes and flags stay hidden.
            for key in ("screening_notes", "flagged", "flag_reason"):
                data.pop(key, None)
            data["screening_steps"] = [
                {k: v for k, v in step.items() if k != "note"} for step in data["screening_steps"]
            ]
        return Response(data)

    def _done(self, mentor: Mentor) -> Response:
        return Response(s.MentorSerializer(Mentor.objects.get(pk=mentor.pk)).data)

    @extend_schema(request=s.ScreeningStepSerializer, responses=s.MentorSerializer)
    @action(detail=True, methods=["post"])
    def screening(self, request: Any, pk: Any = None) -> Response:
        mentor = self.get_object()
        data = s.ScreeningStepSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.screening_record(mentor=mentor, by=_actor(request), **data.validated_data)
        return self._done(mentor)

    @extend_schema(request=s.TrainingCompletionInputSerializer, responses=s.MentorSerializer)
    @action(detail=True, methods=["post"])
    def training(self, request: Any, pk: Any = None) -> Response:
        mentor = self.get_object()
        data = s.TrainingCompletionInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.training_record(person=mentor.person, by=_actor(request), **data.validated_data)
        return self._done(mentor)

    @extend_schema(request=s.FlagSerializer, responses=s.MentorSerializer)
    @action(detail=True, methods=["post"])
    def flag(self, request: Any, pk: Any = None) -> Response:
        mentor = self.get_object()
        data = s.FlagSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.mentor_flag(
            mentor=mentor,
            flagged=d["flagged"],
            reason=d["flag_reason"],
            notes=d["screening_notes"],
            by=_actor(request),
        )
        return self._done(mentor)

    @extend_schema(request=s.DecideSerializer, responses=s.MentorSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Any, pk: Any = None) -> Response:
        mentor = self.get_object()
        data = s.DecideSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.mentor_decide(
            mentor=mentor, status=data.validated_data["status"], by=_actor(request)
        )
        return self._done(mentor)


class YouthViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Youths' files: programme staff and the youth's current agency only."""

    serializer_class = s.YouthSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = Youth.objects.none()
    filterset_fields = ["programme", "agency", "status", "readiness"]
    # Writes on a youth's file are checked by the services (`by=`, rules.looks_after_youth).
    permission_action = dict.fromkeys(
        (
            "consent",
            "readiness",
            "situation",
            "transfer",
            "transfer_agencies",
            "case_worker",
            "placement",
            "placements",
            "adoption",
        ),
        "view",
    )

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Youth.objects.none()
        return (
            youths_visible_to(self.request.user)
            .select_related("person", "programme")
            .prefetch_related("services", current_placements_prefetch("person__"))
            .order_by("person__last_name", "id")
        )

    def get_object(self) -> Any:
        try:
            return super().get_object()
        except Http404:
            audit_unseen_youth(self.request.user, self.kwargs.get("pk"))
            raise

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        youth = self.get_object()
        record_access(youth)
        return Response(self.get_serializer(youth).data)

    @extend_schema(request=s.IntakeSerializer, responses={201: s.YouthSerializer})
    def create(self, request: Any) -> Response:
        data = s.IntakeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        # A programme the viewer may not see is answered as missing (404), like on the page;
        # who may enrol is the service's rule (403 and why).
        d["programme"] = get_programme_for(request.user, d["programme"].pk)
        youth = services.youth_enrol(by=_actor(request), **d)
        return Response(s.YouthSerializer(youth).data, status=status.HTTP_201_CREATED)

    def _done(self, youth: Youth) -> Response:
        return Response(s.YouthSerializer(Youth.objects.get(pk=youth.pk)).data)

    @extend_schema(request=s.ConsentSerializer, responses=s.YouthSerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request: Any, pk: Any = None) -> Response:
        youth = self.get_object()
        data = s.ConsentSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.consent_record(youth=youth, by=_actor(request), **data.validated_data)
        return self._done(youth)

    @extend_schema(request=s.ReadinessSerializer, responses=s.YouthSerializer)
    @action(detail=True, methods=["post"])
    def readiness(self, request: Any, pk: Any = None) -> Response:
        youth = self.get_object()
        data = s.ReadinessSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.readiness_record(youth=youth, by=_actor(request), **data.validated_data)
        return self._done(youth)

    @extend_schema(request=s.SituationSerializer, responses={201: s.SituationSerializer})
    @action(detail=True, methods=["post"])
    def situation(self, request: Any, pk: Any = None) -> Response:
        youth = self.get_object()
        data = s.SituationSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        d.setdefault("happened_on", timezone.localdate())
        change = lifecycle.situation_change_record(youth=youth, by=_actor(request), **d)
        return Response(s.SituationSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.TransferAgencySerializer(many=True))
    @action(detail=True, methods=["get"], url_path="transfer-agencies")
    def transfer_agencies(self, request: Any, pk: Any = None) -> Response:
        """The child-welfare agencies this youth may be transferred to (the form's list)."""
        agencies = transfer_agencies(self.get_object())
        return Response(s.TransferAgencySerializer(agencies, many=True).data)

    @extend_schema(request=s.TransferSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Any, pk: Any = None) -> Response:
        youth = self.get_object()
        data = s.TransferSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        t = lifecycle.youth_transfer(
            youth=youth, to_agency=data.validated_data["to_agency"], by=_actor(request)
        )
        return Response(
            {
                "id": str(t.pk),
                "from_agency": str(t.from_agency_id),
                "to_agency": str(t.to_agency_id),
                "handover": t.handover,
            }
        )

    @extend_schema(request=s.PlacementChangeSerializer, responses={201: PlacementHistorySerializer})
    @action(detail=True, methods=["post"])
    def placement(self, request: Any, pk: Any = None) -> Response:
        """A move (new foster family, home...): the agency or the programme's staff record it."""
        youth = self.get_object()
        data = s.PlacementChangeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        placement = family.youth_placement_change(
            youth=youth, by=_actor(request), **data.validated_data
        )
        return Response(PlacementHistorySerializer(placement).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PlacementHistorySerializer(many=True))
    @action(detail=True, methods=["get"])
    def placements(self, request: Any, pk: Any = None) -> Response:
        """The child's placement history, shared with casework: who, when, since and until."""
        youth = self.get_object()
        record_access(youth)
        return Response(history_data(history_of(youth.person)))

    @extend_schema(request=s.AdoptionSerializer, responses={201: PlacementHistorySerializer})
    @action(detail=True, methods=["post"])
    def adoption(self, request: Any, pk: Any = None) -> Response:
        """The adoption: the adoptive parents take the guardian role; the match is kept or
        closed (closure service) according to the youth's and the family's wish."""
        youth = self.get_object()
        data = s.AdoptionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        placement = family.youth_adoption_record(
            youth=youth, by=_actor(request), **data.validated_data
        )
        return Response(PlacementHistorySerializer(placement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CaseWorkerSerializer, responses=s.YouthSerializer)
    @action(detail=True, methods=["post"], url_path="case-worker")
    def case_worker(self, request: Any, pk: Any = None) -> Response:
        youth = self.get_object()
        data = s.CaseWorkerSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        lifecycle.youth_assign_case_worker(
            youth=youth, case_worker=data.validated_data["case_worker"], by=_actor(request)
        )
        return self._done(youth)


class TransferViewSet(viewsets.GenericViewSet):
    """Youth transfers between agencies: the receiving agency's coordinator accepts or refuses the
    handover of the file; until then it sees no name (`selectors.transfer_summary`)."""

    serializer_class = s.TransferSummarySerializer
    lookup_value_converter = "uuid"
    queryset = Transfer.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Transfer.objects.none()
        return transfers_for(viewer_for(self.request.user))

    def _summary(self, transfer: Transfer) -> dict[str, Any]:
        viewer = viewer_for(self.request.user)
        return s.TransferSummarySerializer(
            transfer_summary(viewer, transfer, timezone.localdate())
        ).data

    @extend_schema(responses=s.TransferSummarySerializer(many=True))
    def list(self, request: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        return self.get_paginated_response([self._summary(t) for t in page])

    @extend_schema(responses=s.TransferSummarySerializer)
    def retrieve(self, request: Any, pk: Any = None) -> Response:
        transfer = self.get_object()
        record_access(transfer)
        return Response(self._summary(transfer))

    def _done(self, transfer: Transfer) -> Response:
        return Response(self._summary(self.get_queryset().get(pk=transfer.pk)))

    @extend_schema(request=None, responses=s.TransferSummarySerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: Any = None) -> Response:
        return self._done(lifecycle.transfer_accept(transfer=self.get_object(), by=_actor(request)))

    @extend_schema(request=s.HandoverRefusalSerializer, responses=s.TransferSummarySerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Any, pk: Any = None) -> Response:
        transfer = self.get_object()
        data = s.HandoverRefusalSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return self._done(
            lifecycle.transfer_refuse(
                transfer=transfer, reason=data.validated_data["reason"], by=_actor(request)
            )
        )


class RunViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Matching runs: POST starts one (large ones run in the worker; poll `progress`)."""

    serializer_class = s.RunSerializer
    lookup_value_converter = "uuid"
    queryset = MatchingRun.objects.none()
    filterset_fields = ["programme", "status"]

    def get_queryset(self) -> Any:
        if building_schema(self):
            return MatchingRun.objects.none()
        return runs_visible_to(self.request.user).order_by("-created_at")

    @extend_schema(request=s.RunCreateSerializer, responses={201: s.RunSerializer})
    def create(self, request: Any) -> Response:
        data = s.RunCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        programme = get_programme_for(request.user, data.validated_data["programme"].pk)
        run = lifecycle.matching_start(programme=programme, by=_actor(request))
        return Response(s.RunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.ProposalSerializer(many=True))
    @action(detail=True, methods=["get"])
    def proposals(self, request: Any, pk: Any = None) -> Response:
        run = self.get_object()
        rows = (
            Proposal.objects.filter(run=run)
            .select_related("youth__person", "mentor__person")
            .order_by("-score", "id")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.ProposalSerializer(page, many=True).data)

    @extend_schema(responses=s.UnmatchedSerializer(many=True))
    @action(detail=True, methods=["get"])
    def unmatched(self, request: Any, pk: Any = None) -> Response:
        run = self.get_object()
        page = self.paginate_queryset(Unmatched.objects.filter(run=run).order_by("reason", "id"))
        return self.get_paginated_response(s.UnmatchedSerializer(page, many=True).data)


class ProposalViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Staff decide proposals: accept (a proposed match), reject, pin, unpin, swap mentors."""

    serializer_class = s.ProposalSerializer
    lookup_value_converter = "uuid"
    queryset = Proposal.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Proposal.objects.none()
        return proposals_visible_to(self.request.user)

    @extend_schema(request=None, responses={201: s.MatchStaffSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: Any = None) -> Response:
        match = lifecycle.proposal_accept(proposal=self.get_object(), by=_actor(request))
        return Response(s.MatchStaffSerializer(match).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Any, pk: Any = None) -> Response:
        return Response(
            s.ProposalSerializer(
                lifecycle.proposal_reject(proposal=self.get_object(), by=_actor(request))
            ).data
        )

    @extend_schema(request=None, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def pin(self, request: Any, pk: Any = None) -> Response:
        return Response(
            s.ProposalSerializer(
                lifecycle.proposal_pin(proposal=self.get_object(), pinned=True, by=_actor(request))
            ).data
        )

    @extend_schema(request=None, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def unpin(self, request: Any, pk: Any = None) -> Response:
        return Response(
            s.ProposalSerializer(
                lifecycle.proposal_pin(proposal=self.get_object(), pinned=False, by=_actor(request))
            ).data
        )

    @extend_schema(request=s.SwapSerializer, responses=s.ProposalSerializer(many=True))
    @action(detail=True, methods=["post"], pagination_class=None)
    def swap(self, request: Any, pk: Any = None) -> Response:
        first = self.get_object()
        data = s.SwapSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        second = get_object_or_404(self.get_queryset(), pk=data.validated_data["other"])
        a, b = lifecycle.proposal_swap(first=first, second=second, by=_actor(request))
        return Response(s.ProposalSerializer([a, b], many=True).data)


def match_for_role(match: Match, viewer: Any, today: Any, agreements: dict) -> dict[str, Any]:
    """The JSON of a match for who asks; a mentor gets the youth through the agreement only, an
    agency only its own youths of a group match (rules.youths_shown)."""
    from ..selectors import mentor_view_of

    role = match_role(viewer, match)
    rights = MatchRights(role)
    if rights.can_see_youths:
        youths, others = youths_shown(viewer, match)
        data = dict(s.MatchStaffSerializer(match).data)
        shown = {str(y.pk) for y in youths}
        data["youths"] = [y for y in data["youths"] if y["id"] in shown]
        return {**data, "other_youths": others, "role": role}
    base = {
        "id": str(match.pk),
        "programme": str(match.programme_id),
        "mode": match.mode,
        "status": match.status,
        "introduced_on": match.introduced_on.isoformat() if match.introduced_on else None,
        "role": role,
        "mentors": [{"name": str(m.person)} for m in match.mentors.all()],
    }
    if rights.sees_mentor_view:
        views = mentor_view_of(match, today, agreements)
        base["youths"] = [v["facts"] for v in views]
        base["shared_because"] = [
            agreement_purposes(agreements.get((match.programme.organisation_id, y.agency_id)))
            for y in match.youths.all()
        ]
    return base


def checkin_for(rights: MatchRights, checkin: CheckIn) -> dict[str, Any]:
    """A check-in as this viewer may read it: a mentor sees that the youth's and the guardian's
    are done, not their answers; notes stay in the youth's file (rules.MatchRights)."""
    row = dict(s.CheckInSerializer(checkin).data)
    hidden = set() if rights.reads_checkin_answers(checkin.party) else {"rating", "meets_regularly"}
    if not rights.reads_checkin_notes:
        hidden |= {"note", "told_by"}
    return {k: v for k, v in row.items() if k not in hidden}


MATCH_OBJECT = s.MatchForViewerSerializer  # what `match_for_role` answers, per viewer


class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Matches, shaped by the viewer's role (staff, agency, mentor, guardian)."""

    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = Match.objects.none()
    serializer_class = s.MatchStaffSerializer
    filterset_fields = ["programme", "status", "mode"]
    permission_action = {"contacts": "follow", "checkins": "follow", "notes": "follow"}

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Match.objects.none()
        return match_queryset(self.request.user).order_by("-created_at", "id")

    # Writes on a match (introduce, add a mentor, pause, resume, close, reopen, contacts,
    # check-ins, notes) are checked by the lifecycle services (`by=`): a viewer who sees the match
    # but may not act gets the service's 403 and sentence, like the page.
    WRITES = (
        "introduce",
        "add_mentor",
        "pause",
        "resume",
        "close",
        "reopen",
        "checkin_links",
        "confirm_closure",
        "withdraw_closure",
        "follow_up_review",
    )
    FOLLOW_UP = ("contacts", "checkins", "notes")  # reading them stays a `follow` rule

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        if self.action in self.WRITES or (
            request.method == "POST" and self.action in self.FOLLOW_UP
        ):
            return
        super().check_object_permissions(request, obj)

    @extend_schema(responses=MATCH_OBJECT)
    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        viewer = viewer_for(request.user)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        today, agreements = timezone.localdate(), dict[Any, Any]()
        return self.get_paginated_response(
            [match_for_role(m, viewer, today, agreements) for m in page]
        )

    @extend_schema(responses=MATCH_OBJECT)
    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        match = self.get_object()
        record_access(match)
        return Response(match_for_role(match, viewer_for(request.user), timezone.localdate(), {}))

    @extend_schema(request=s.MatchCreateSerializer, responses={201: s.MatchStaffSerializer})
    def create(self, request: Any) -> Response:
        """A match made by hand (every pairing check applies)."""
        data = s.MatchCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        programme = get_programme_for(request.user, d["programme"].pk)
        match = lifecycle.match_create(
            programme=programme,
            mentors=list(d["mentors"]),
            youths=list(d["youths"]),
            mode=d["mode"],
            by=_actor(request),
        )
        return Response(s.MatchStaffSerializer(match).data, status=status.HTTP_201_CREATED)

    def _done(self, match: Match) -> Response:
        fresh = match_queryset(self.request.user).get(pk=match.pk)
        return Response(
            match_for_role(fresh, viewer_for(self.request.user), timezone.localdate(), {})
        )

    @extend_schema(request=None, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"])
    def introduce(self, request: Any, pk: Any = None) -> Response:
        return self._done(lifecycle.match_introduce(match=self.get_object(), by=_actor(request)))

    @extend_schema(request=s.AddMentorSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"], url_path="add-mentor")
    def add_mentor(self, request: Any, pk: Any = None) -> Response:
        """A second mentor for a group match (staff only)."""
        match = self.get_object()
        data = s.AddMentorSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        mentor = get_object_or_404(
            Mentor, pk=data.validated_data["mentor"], programme=match.programme
        )
        return self._done(
            lifecycle.match_add_mentor(match=match, mentor=mentor, by=_actor(request))
        )

    @extend_schema(request=s.PauseSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"])
    def pause(self, request: Any, pk: Any = None) -> Response:
        match = self.get_object()
        data = s.PauseSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        lifecycle.match_pause(match=match, by=_actor(request), **data.validated_data)
        return self._done(match)

    @extend_schema(request=None, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"])
    def resume(self, request: Any, pk: Any = None) -> Response:
        match = self.get_object()
        lifecycle.match_resume(match=match, by=_actor(request))
        return self._done(match)

    @extend_schema(request=s.CloseSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"])
    def close(self, request: Any, pk: Any = None) -> Response:
        """Propose to close (a second staff member confirms: confirm-closure). Refused without an
        allowed reason, the closure conversation or the youth's view, or when a text is a sanction
        (400 with the explanation per field). A safeguarding reason opens a review instead."""
        match = self.get_object()
        data = s.CloseSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        lifecycle.match_close(match=match, by=_actor(request), **data.validated_data)
        return self._done(match)

    def _managed(self) -> Match:
        match = self.get_object()
        if not match_rights(viewer_for(self.request.user), match).can_close:
            raise PermissionDenied(
                _("Only the programme's coordinators and the youth's agency manage this match.")
            )
        return match

    @extend_schema(request=None, responses=s.ClosureSerializer(many=True))
    @action(detail=True, methods=["get"])
    def closures(self, request: Any, pk: Any = None) -> Response:
        """Closure proposals of the match, pending and decided (staff and the youth's agency)."""
        match = self._managed()
        rows = match.closures.select_related("proposed_by", "decided_by").order_by(
            "-created_at", "id"
        )
        page = self.paginate_queryset(rows) or []  # a page, as the schema says (fuzzing)
        return self.get_paginated_response(s.ClosureSerializer(page, many=True).data)

    @extend_schema(request=s.ClosureDecisionSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"], url_path="confirm-closure")
    def confirm_closure(self, request: Any, pk: Any = None) -> Response:
        """A coordinator of the programme other than the proposer confirms: the match closes
        (rules.may_confirm_closure; anyone else: 403 saying who confirms). A closure already
        confirmed or withdrawn answers 409, saying by whom and when."""
        return self._decide(request, lifecycle.closure_confirm)

    @extend_schema(request=s.ClosureDecisionSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"], url_path="withdraw-closure")
    def withdraw_closure(self, request: Any, pk: Any = None) -> Response:
        return self._decide(request, lifecycle.closure_withdraw)

    def _decide(self, request: Any, decide: Any) -> Response:
        match = self.get_object()
        data = s.ClosureDecisionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        # any closure of the match: one already decided answers 409 with the service's sentence
        closure = get_object_or_404(match.closures.all(), pk=data.validated_data["closure"])
        try:
            return self._done(decide(closure=closure, by=_actor(request)))
        except lifecycle.AlreadyDecided as exc:
            return Response(
                {"error": {"code": "conflict", "message": exc.messages[0], "fields": {}}},
                status=status.HTTP_409_CONFLICT,
            )

    @extend_schema(request=None, responses=s.SafeguardingReviewSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="safeguarding-reviews")
    def safeguarding_reviews(self, request: Any, pk: Any = None) -> Response:
        match = self._managed()
        rows = match.safeguarding_reviews.select_related("raised_by", "followed_up_by")
        return Response(s.SafeguardingReviewSerializer(rows, many=True).data)

    @extend_schema(request=s.ReviewFollowUpSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"], url_path="follow-up-review")
    def follow_up_review(self, request: Any, pk: Any = None) -> Response:
        """The programme's coordinators record what was done about a safeguarding concern."""
        match = self.get_object()
        data = s.ReviewFollowUpSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        review = get_object_or_404(
            match.safeguarding_reviews.filter(status=SafeguardingReview.Status.OPEN),
            pk=data.validated_data["review"],
        )
        lifecycle.safeguarding_review_follow_up(
            review=review, outcome=data.validated_data["outcome"], by=_actor(request)
        )
        return self._done(match)

    @extend_schema(request=s.NoteInputSerializer, responses=MATCH_OBJECT)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Any, pk: Any = None) -> Response:
        match = self.get_object()
        data = s.NoteInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        lifecycle.match_reopen(match=match, note=data.validated_data["note"], by=_actor(request))
        return self._done(match)

    # The follow-up lists grow for the life of the match: their GET answers pages, like every list.
    @extend_schema(methods=["get"], responses=s.ContactSerializer(many=True))
    @extend_schema(
        methods=["post"], request=s.ContactSerializer, responses={201: s.ContactSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def contacts(self, request: Any, pk: Any = None) -> Response:
        match = self.get_object()
        if request.method == "POST":
            data = s.ContactSerializer(data=request.data, context={"request": request})
            data.is_valid(raise_exception=True)
            contact = lifecycle.contact_record(
                match=match, by=_actor(request), **data.validated_data
            )
            return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(match_contacts(match))
        return self.get_paginated_response(s.ContactSerializer(page, many=True).data)

    @extend_schema(methods=["get"], responses=s.CheckInSerializer(many=True))
    @extend_schema(
        methods=["post"], request=s.CheckInRecordSerializer, responses=s.CheckInSerializer
    )
    @action(detail=True, methods=["get", "post"])
    def checkins(self, request: Any, pk: Any = None) -> Response:
        match = self.get_object()
        if request.method == "POST":
            data = s.CheckInRecordSerializer(data=request.data, context={"request": request})
            data.is_valid(raise_exception=True)
            d = dict(data.validated_data)
            checkin = get_object_or_404(CheckIn, pk=d.pop("checkin"), match=match)
            recorded = lifecycle.checkin_record(checkin=checkin, by=_actor(request), **d)
            rights = checkin_rights(viewer_for(request.user), match, timezone.localdate())
            return Response(checkin_for(rights, recorded))
        rights = checkin_rights(viewer_for(request.user), match, timezone.localdate())
        page = self.paginate_queryset(match_checkins(match)) or []
        return self.get_paginated_response([checkin_for(rights, c) for c in page])

    @extend_schema(request=s.CheckInLinkSendSerializer, responses=s.CheckInLinkSentSerializer)
    @action(detail=True, methods=["post"], url_path="checkin-links")
    def checkin_links(self, request: Any, pk: Any = None) -> Response:
        """E-mail the youth or the guardian the signed link to their own check-in."""
        match = self.get_object()
        data = s.CheckInLinkSendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checkin = get_object_or_404(CheckIn, pk=data.validated_data["checkin"], match=match)
        sent = checkin_link_send(checkin=checkin, by=_actor(request))
        return Response({"sent_to": sent})

    @extend_schema(methods=["get"], responses=s.ProgressNoteSerializer(many=True))
    @extend_schema(
        methods=["post"],
        request=s.ProgressNoteSerializer,
        # a plain list (of the one note added), not a page: given as a schema, since
        # a many=True serializer on a paginated action would be documented as a page
        responses={
            201: {"type": "array", "items": {"$ref": "#/components/schemas/MentoringProgressNote"}}
        },
    )
    @action(detail=True, methods=["get", "post"])
    def notes(self, request: Any, pk: Any = None) -> Response:
        """Progress notes: about one youth (read by that youth's agency) or about the group (read
        by the agencies it is shared with); a mentor reads back only their own."""
        match = self.get_object()
        by = _actor(request)
        if request.method == "POST":
            data = s.ProgressNoteSerializer(data=request.data, context={"request": request})
            data.is_valid(raise_exception=True)
            d = data.validated_data
            note = lifecycle.progress_note_add(
                match=match,
                youth=d.get("youth"),
                text=d["text"],
                shared_with=d.get("shared_with", []),
                by=by,
            )
            # a list (of one note) as before notes were attached to one youth or to the group
            return Response(
                s.ProgressNoteSerializer([note], many=True).data, status=status.HTTP_201_CREATED
            )
        rows = notes_for(viewer_for(request.user), match)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.ProgressNoteSerializer(page, many=True).data)


class AgreementViewSet(viewsets.ModelViewSet):
    """Information-sharing agreements; `fields` must name facts from the fixed list."""

    serializer_class = s.AgreementSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = SharingAgreement.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return SharingAgreement.objects.none()
        return agreements_visible_to(self.request.user).order_by("created_at", "id")

    def _save(self, serializer: Any, agreement: SharingAgreement) -> None:
        for key, value in serializer.validated_data.items():
            setattr(agreement, key, value)
        serializer.instance = services.agreement_save(agreement=agreement, by=_actor(self.request))

    def perform_destroy(self, instance: SharingAgreement) -> None:
        services.agreement_delete(agreement=instance, by=_actor(self.request))

    permission_action = {"accept": "change", "decline": "change"}

    @extend_schema(request=None, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: Any = None) -> Response:
        """The other party accepts the proposed widening."""
        done = services.agreement_proposal_accept(agreement=self.get_object(), by=_actor(request))
        return Response(s.AgreementSerializer(done).data)

    @extend_schema(request=None, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Any, pk: Any = None) -> Response:
        done = services.agreement_proposal_decline(agreement=self.get_object(), by=_actor(request))
        return Response(s.AgreementSerializer(done).data)

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer, SharingAgreement())

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)


class CheckInLinkView(APIView):
    """The youth's or the guardian's own check-in, through the signed link e-mailed to them (no
    account): it reaches that check-in only, works once and expires. A tampered link is a 404."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    def _checkin(self, token: str) -> Any:
        try:
            return checkin_for_link(token)
        except UnknownLink as exc:
            raise Http404 from exc

    @extend_schema(responses=s.CheckInLinkSerializer, auth=[])
    def get(self, request: Any, token: str) -> Response:
        checkin, _bearer = self._checkin(token)
        return Response(s.CheckInLinkSerializer(checkin).data)

    @extend_schema(request=s.CheckInAnswerSerializer, responses=s.CheckInLinkSerializer, auth=[])
    def post(self, request: Any, token: str) -> Response:
        checkin, bearer = self._checkin(token)
        data = s.CheckInAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recorded = lifecycle.checkin_record(checkin=checkin, by=bearer, **data.validated_data)
        return Response(s.CheckInLinkSerializer(recorded).data)


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register("mentoring/programmes", ProgrammeViewSet, basename="mentoring-programme")
    router.register("mentoring/mentors", MentorViewSet, basename="mentoring-mentor")
    router.register("mentoring/youths", YouthViewSet, basename="mentoring-youth")
    router.register("mentoring/transfers", TransferViewSet, basename="mentoring-transfer")
    router.register("mentoring/runs", RunViewSet, basename="mentoring-run")
    router.register("mentoring/proposals", ProposalViewSet, basename="mentoring-proposal")
    router.register("mentoring/matches", MatchViewSet, basename="mentoring-match")
    router.register("mentoring/agreements", AgreementViewSet, basename="mentoring-agreement")


api_paths = [
    path("mentoring/programmes/<uuid:pk>/apply/", ApplyView.as_view(), name="mentoring-apply"),
    path(
        "mentoring/checkin-links/<str:token>/",
        CheckInLinkView.as_view(),
        name="mentoring-checkin-link",
    ),
]
