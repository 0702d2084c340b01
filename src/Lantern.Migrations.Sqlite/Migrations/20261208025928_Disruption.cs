using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Disruption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisruptionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectReference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Aim = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LeadUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NextReviewDue = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ClosureRationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosureRequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosureRequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosureRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SignedOffByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignedOffByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosureRefusedReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisruptionPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DisruptionTactics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Tactic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisruptionTactics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisruptionTactics_DisruptionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DisruptionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WasDue = table.Column<long>(type: "INTEGER", nullable: false),
                    NextDue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanReviews_DisruptionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DisruptionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TacticEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TacticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RecordReference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TacticEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TacticEvidence_DisruptionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DisruptionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionPlans_Reference",
                table: "DisruptionPlans",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionPlans_Status_NextReviewDue",
                table: "DisruptionPlans",
                columns: new[] { "Status", "NextReviewDue" });

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionPlans_SubjectKind_SubjectId",
                table: "DisruptionPlans",
                columns: new[] { "SubjectKind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionTactics_OwnerUserId",
                table: "DisruptionTactics",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionTactics_PlanId_Number",
                table: "DisruptionTactics",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionTactics_Status_DueBy",
                table: "DisruptionTactics",
                columns: new[] { "Status", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanReviews_PlanId_Number",
                table: "PlanReviews",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TacticEvidence_PlanId",
                table: "TacticEvidence",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_TacticEvidence_TacticId",
                table: "TacticEvidence",
                column: "TacticId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisruptionTactics");

            migrationBuilder.DropTable(
                name: "PlanReviews");

            migrationBuilder.DropTable(
                name: "TacticEvidence");

            migrationBuilder.DropTable(
                name: "DisruptionPlans");
        }
    }
}
