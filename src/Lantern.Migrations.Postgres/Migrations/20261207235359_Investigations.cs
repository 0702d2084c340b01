using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Investigations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Crimes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CrimeReference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Offence = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OffenceFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    OffenceTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InvestigatingOfficer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RecordedByAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReopenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Crimes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CrimeOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CrimeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrimeOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrimeOutcomes_Crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "Crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrimeSuspects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CrimeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrimeSuspects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrimeSuspects_Crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "Crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrimeVictims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CrimeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgeAtOffence = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrimeVictims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrimeVictims_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrimeVictims_Crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "Crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoChargeReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrimeId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutcomeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferralReference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PoliceAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DoneByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Decision = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NotDoneReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoChargeReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoChargeReviews_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoChargeReviews_CrimeOutcomes_OutcomeId",
                        column: x => x.OutcomeId,
                        principalTable: "CrimeOutcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoChargeReviews_Crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "Crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrimeOutcomes_CrimeId",
                table: "CrimeOutcomes",
                column: "CrimeId");

            migrationBuilder.CreateIndex(
                name: "IX_Crimes_RecordedByAgencyId_CrimeReference",
                table: "Crimes",
                columns: new[] { "RecordedByAgencyId", "CrimeReference" });

            migrationBuilder.CreateIndex(
                name: "IX_Crimes_Reference",
                table: "Crimes",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrimeSuspects_CrimeId",
                table: "CrimeSuspects",
                column: "CrimeId");

            migrationBuilder.CreateIndex(
                name: "IX_CrimeSuspects_PersonId",
                table: "CrimeSuspects",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CrimeVictims_ChildId_CrimeId",
                table: "CrimeVictims",
                columns: new[] { "ChildId", "CrimeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrimeVictims_CrimeId",
                table: "CrimeVictims",
                column: "CrimeId");

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_ChildId",
                table: "NoChargeReviews",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_CrimeId",
                table: "NoChargeReviews",
                column: "CrimeId");

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_OutcomeId",
                table: "NoChargeReviews",
                column: "OutcomeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_Reference",
                table: "NoChargeReviews",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_ReferralReference",
                table: "NoChargeReviews",
                column: "ReferralReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoChargeReviews_Status_DueBy",
                table: "NoChargeReviews",
                columns: new[] { "Status", "DueBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrimeSuspects");

            migrationBuilder.DropTable(
                name: "CrimeVictims");

            migrationBuilder.DropTable(
                name: "NoChargeReviews");

            migrationBuilder.DropTable(
                name: "CrimeOutcomes");

            migrationBuilder.DropTable(
                name: "Crimes");
        }
    }
}
